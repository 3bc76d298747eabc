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
