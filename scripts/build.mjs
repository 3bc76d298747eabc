// Bundles the extension client, the language server and the CLI with esbuild.
// (Schemas and rule docs are generated and committed: `npm run generate`.)
import { build } from 'esbuild';
import { copyFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Bundled ESM dependencies read import.meta.url; give them a CommonJS equivalent.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const entries = [
  { in: 'client/src/extension.ts', out: 'client/out/extension.cjs', external: ['vscode'] },
  // The server's entry is small and starts the checking thread before it loads the rest
  // (lsp.cjs); an analysis thread starts on thread.cjs, which loads worker.cjs with V8's
  // code cache.
  { in: 'server/src/lsp/main.ts', out: 'server/out/server.cjs', external: ['./lsp.cjs'] },
  { in: 'server/src/lsp/server.ts', out: 'server/out/lsp.cjs' },
  { in: 'server/src/lsp/thread-main.ts', out: 'server/out/thread.cjs' },
  { in: 'server/src/lsp/worker-main.ts', out: 'server/out/worker.cjs' },
  // The command's entry is small: a `check --cache` whose last run still stands is answered
  // without loading the CLI (cli-main.cjs, loaded by path at run time: cli/entry.ts).
  { in: 'server/src/cli/entry.ts', out: 'server/out/cli.cjs' },
  { in: 'server/src/cli/main.ts', out: 'server/out/cli-main.cjs' },
  // The CLI's worker threads (check FOLDER on every core: cli/check-run.ts).
  { in: 'server/src/cli/check-worker.ts', out: 'server/out/check-worker.cjs' },
  // The Word importer, loaded by the server on the first import (lsp/import-word.ts).
  { in: 'server/src/node/import/editor.ts', out: 'server/out/import.cjs' },
];

for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({ ...common, entryPoints: [join(root, e.in)], outfile: join(root, e.out), external: e.external ?? [] });
}

// The prose rules' English dictionary, read at run time beside the server bundles
// (server/src/node/dictionary.ts).
const dictionary = join(dirname(createRequire(import.meta.url).resolve('@cspell/dict-en-gb-mit/cspell-ext.json')), 'en_GB.trie.gz');
copyFileSync(dictionary, join(root, 'server', 'out', 'en_GB.trie.gz'));
