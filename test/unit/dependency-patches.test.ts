import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { build } from 'esbuild';
import type * as FromMarkdown from 'mdast-util-from-markdown';
import { applyPatches, dependencyPatches } from '../../scripts/dependency-patches.mjs';

type FromMarkdownModule = typeof FromMarkdown;

const root = join(import.meta.dirname, '..', '..');
const fromMarkdownFile = join(root, 'node_modules', 'mdast-util-from-markdown', 'lib', 'index.js');

test('the from-markdown patch finds its one place in the installed version, and refuses any other text', () => {
  const text = readFileSync(fromMarkdownFile, 'utf8');
  const patched = applyPatches(fromMarkdownFile, text);
  assert.notEqual(patched, text);
  assert.match(patched, /const context = \{[^}]*data,\s*sliceSerialize: undefined\s*\};/);
  // Only that literal changes.
  assert.equal(patched.replace(/,\s*sliceSerialize: undefined(?=\s*\};)/, ''), text);
  assert.throws(() => applyPatches(fromMarkdownFile, text.replace('const context = {', 'const ctx = {')), /found it 0 times/);
  assert.throws(() => applyPatches(fromMarkdownFile, text + text), /found it 2 times/);
  // Files it does not name are left alone.
  assert.equal(applyPatches('/x/node_modules/micromark/index.js', text), text);
});

/** A bundle exporting mdast-util-from-markdown's fromMarkdown, with or without the patches, written to `dir`. */
async function fromMarkdownBundle(dir: string, patched: boolean): Promise<string> {
  const entry = join(dir, `entry-${patched}.mjs`);
  writeFileSync(entry, `export { fromMarkdown } from ${JSON.stringify(createRequire(fromMarkdownFile).resolve('mdast-util-from-markdown'))};\n`);
  const out = join(dir, `from-markdown-${patched}.cjs`);
  await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent', plugins: patched ? [dependencyPatches()] : [] });
  return out;
}

test('bundled with the patch, mdast-util-from-markdown gives the same trees, and its handlers see one kind of context object', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cr-patch-'));
  try {
    const [plain, patched] = [await fromMarkdownBundle(dir, false), await fromMarkdownBundle(dir, true)];
    assert.ok(readFileSync(patched, 'utf8').includes('sliceSerialize: void 0'));
    const load = createRequire(import.meta.url);
    const a = load(plain) as FromMarkdownModule;
    const b = load(patched) as FromMarkdownModule;
    const seeds = join(root, 'test', 'seeds');
    const texts = readdirSync(seeds).filter((f) => f.endsWith('.md')).map((f) => readFileSync(join(seeds, f), 'utf8'));
    assert.ok(texts.length > 5);
    for (const t of texts) assert.ok(isDeepStrictEqual(b.fromMarkdown(t), a.fromMarkdown(t)));
    // What the trap is: in Node 20's V8, `{ ...context, sliceSerialize }` made a new hidden
    // class for each token unless `context` has the key already. Asked of V8 itself, in a
    // process that may use its internal checks.
    const probe = join(dir, 'probe.cjs');
    writeFileSync(
      probe,
      `const { fromMarkdown } = require(process.argv[2]);
       const seen = [];
       const ext = { enter: { paragraph(token) { seen.push(this); this.enter({ type: 'paragraph', children: [] }, token); } } };
       // Enough tokens for V8 to have run the literal many times (its inline caches settled).
       fromMarkdown(Array.from({ length: 2000 }, (_, i) => 'Paragraph *' + i + '*.').join('\\n\\n'), { mdastExtensions: [ext] });
       const last = seen.slice(-3);
       process.stdout.write(JSON.stringify({ keys: [...new Set(seen.map((c) => Object.keys(c).join()))], same: last.every((c) => %HaveSameMap(c, last[0])) }));`,
    );
    const ask = (bundle: string) => JSON.parse(execFileSync(process.execPath, ['--allow-natives-syntax', probe, bundle], { encoding: 'utf8' })) as { keys: string[]; same: boolean };
    const before = ask(plain);
    const after = ask(patched);
    // The handlers' `this` has the same keys either way...
    assert.equal(after.keys.length, 1);
    assert.deepEqual(after.keys, before.keys);
    // ...and with the patch one hidden class for all. Without it each had its own in Node
    // 20's V8 (11.3); a later V8 may have no trap, and the patch then changes nothing.
    assert.equal(after.same, true);
    if (process.versions.v8.startsWith('11.')) assert.equal(before.same, false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every bundle the build writes is made with the dependency patches', () => {
  const script = readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8');
  // One set of options for every entry, with the plugin in it.
  assert.match(script, /const common = \{[\s\S]*plugins: \[dependencyPatches\(\)\][\s\S]*\};/);
  assert.match(script, /build\(\{ \.\.\.common, entryPoints/);
  assert.doesNotMatch(script, /build\(\{(?! \.\.\.common)/);
});
