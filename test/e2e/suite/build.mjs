// Bundles the end-to-end suite (TypeScript) for the extension host: test/e2e/out/suite/*.js.
import { build } from 'esbuild';
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'out', 'suite');
rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: readdirSync(here).filter((f) => f === 'index.ts' || f.endsWith('.test.ts')).map((f) => join(here, f)),
  outdir: out,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});
// The repository is "type": "module"; these bundles are CommonJS.
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
