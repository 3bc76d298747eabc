import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

test('the packaged extension ships every bundle the build makes (the server loads import.cjs on demand)', () => {
  const build = readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8');
  const outs = [...build.matchAll(/out: '([^']+\.cjs)'/g)].map((m) => m[1]!);
  assert.ok(outs.includes('server/out/import.cjs'), 'the importer has its own bundle');
  const shipped = new Set(readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim()));
  // The CLI bundle and its worker threads' are for the command line (bin/), not the extension.
  const cli = new Set(['server/out/cli.cjs', 'server/out/cli-main.cjs', 'server/out/cli-convert.cjs', 'server/out/check-thread.cjs', 'server/out/check-worker.cjs']);
  assert.deepEqual(outs.filter((o) => !cli.has(o) && !shipped.has(o)), []);
});

test("the officers' README (EXTENSION.md) names every command the extension contributes, and both READMEs' pictures exist", () => {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
  const officers = readFileSync(join(root, 'EXTENSION.md'), 'utf8');
  assert.deepEqual(pkg.contributes.commands.filter((c) => !officers.includes(c.title)).map((c) => c.command), []);
  for (const readme of ['README.md', 'EXTENSION.md']) {
    const pictures = [...readFileSync(join(root, readme), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(pictures.includes('docs/images/import-word.png'), `${readme} shows the Word import`);
    assert.deepEqual(pictures.filter((p) => !existsSync(join(root, p))), [], readme);
  }
});
