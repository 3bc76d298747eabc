import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = join(import.meta.dirname, '..', '..');

/** The source files esbuild bundles for an entry point. */
async function inputsOf(entry: string): Promise<string[]> {
  const r = await build({ entryPoints: [join(root, entry)], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, outfile: 'out.cjs', logLevel: 'silent' });
  return Object.keys(r.metafile.inputs);
}

test("the language server's connection thread does not load the checker", async () => {
  // It answers the editor while the checking thread loads the rules; loading them here
  // too made the server answer `initialize` ~80 ms later and slowed the first check.
  const inputs = await inputsOf('server/src/lsp/server.ts');
  const heavy = inputs.filter((f) => /server\/src\/core\/(rules|acronyms|dates|templates)\/|node_modules\/(zod|yaml|micromark|date-fns)\//.test(f));
  assert.deepEqual(heavy, []);
  // ...while the checking thread's bundle has them.
  const worker = await inputsOf('server/src/lsp/worker-main.ts');
  assert.ok(worker.some((f) => f.includes('server/src/core/rules/')));
});

test("the checking thread's bundle reaches the dictionary's reader (cspell-trie-lib, zlib) only by a dynamic import", async () => {
  // It is imported after the first results (lsp/worker.ts), and esbuild runs a
  // dynamically imported module's code only when it is imported: a static import anywhere
  // on the way from the entry would load it before the first diagnostics again.
  const r = await build({ entryPoints: [join(root, 'server/src/lsp/worker-main.ts')], bundle: true, platform: 'node', format: 'cjs', write: false, metafile: true, outfile: 'out.cjs', logLevel: 'silent' });
  const inputs = r.metafile.inputs;
  const seen = new Set<string>();
  const todo = Object.keys(inputs).filter((f) => f.endsWith('server/src/lsp/worker-main.ts'));
  const externals = new Set<string>();
  while (todo.length > 0) {
    const f = todo.pop()!;
    if (seen.has(f)) continue;
    seen.add(f);
    for (const i of inputs[f]?.imports ?? []) {
      if (i.kind === 'dynamic-import') continue;
      if (i.external) externals.add(i.path);
      else todo.push(i.path);
    }
  }
  assert.deepEqual([...seen].filter((f) => /node_modules\/cspell-trie-lib\/|server\/src\/node\/dictionary\.ts/.test(f)), []);
  assert.ok(!externals.has('node:zlib') && !externals.has('zlib'), 'zlib is not loaded on the way either');
  // ...and it is in the bundle, for the dynamic import.
  assert.ok(Object.keys(inputs).some((f) => f.includes('node_modules/cspell-trie-lib/')));
});
