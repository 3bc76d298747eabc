import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');

test('the packaged extension ships every bundle the build makes (the server loads import.cjs on demand)', () => {
  const build = readFileSync(join(root, 'scripts', 'build.mjs'), 'utf8');
  const outs = [...build.matchAll(/out: '([^']+\.cjs)'/g)].map((m) => m[1]!);
  assert.ok(outs.includes('server/out/import.cjs'), 'the importer has its own bundle');
  const shipped = new Set(readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim()));
  // The CLI bundle and its worker threads' are for the command line (bin/), not the extension.
  assert.deepEqual(outs.filter((o) => o !== 'server/out/cli.cjs' && o !== 'server/out/check-worker.cjs' && !shipped.has(o)), []);
});
