// Bundles the extension client, the language server and the CLI with esbuild.
// (Schemas and rule docs are generated and committed: `npm run generate`.)
import { build } from 'esbuild';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeTrie, encodeITrieToBTrie } from 'cspell-trie-lib';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dependencyPatches } from './dependency-patches.mjs';

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
  // Workarounds in dependencies, each measured and checked (scripts/dependency-patches.mjs).
  plugins: [dependencyPatches()],
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
  // The export and import commands (docx, mammoth, jszip…: half the CLI's code), loaded
  // by path on their first use (cli/convert-bundle.ts), so that `check` does not load them.
  { in: 'server/src/cli/convert.ts', out: 'server/out/cli-convert.cjs' },
  // The CLI's worker threads (check FOLDER on every core: cli/check-run.ts) start on
  // check-thread.cjs, which loads check-worker.cjs with V8's code cache.
  { in: 'server/src/cli/check-thread.ts', out: 'server/out/check-thread.cjs' },
  { in: 'server/src/cli/check-worker.ts', out: 'server/out/check-worker.cjs' },
  // The Word importer, loaded by the server on the first import (lsp/import-word.ts).
  { in: 'server/src/node/import/editor.ts', out: 'server/out/import.cjs' },
];

for (const e of entries) {
  if (!existsSync(join(root, e.in))) continue;
  await build({ ...common, entryPoints: [join(root, e.in)], outfile: join(root, e.out), external: e.external ?? [] });
  asciiOnly(join(root, e.out));
}

/**
 * Makes a bundle pure ASCII. esbuild (charset: ascii, its default) escapes strings and
 * identifiers but leaves regular expression literals and comments as written, and a
 * single `’` makes Node read the whole file as a two-byte string: twice the memory, and
 * V8 scans a two-byte source more slowly (every function compiled lazily at run time is
 * scanned again). What is left is escaped as `\uXXXX`, which means the same character in a
 * regular expression (with or without the `u` flag, in or out of a class; a pair of
 * surrogate escapes is one code point under `u`) and is harmless in a comment. A
 * non-ASCII character escaped by a backslash (`\–`) keeps its meaning as `\u2013`.
 * (Source-map columns after an escaped character on the same line shift; only in
 * comments and regular expressions.)
 */
function asciiOnly(file) {
  const text = readFileSync(file, 'utf8');
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(text)) return;
  if (/[\u2028\u2029]/.test(text)) throw new Error(`${file}: a raw line or paragraph separator (U+2028/2029) cannot be escaped safely`);
  const hex = (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  const out = text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes, c) => (slashes.length % 2 ? slashes.slice(1) : slashes) + hex(c));
  writeFileSync(file, out);
}

// The prose rules' English dictionary, read at run time beside the server bundles
// (server/src/node/dictionary.ts): the npm package's text trie written as cspell's binary
// trie, which a thread reads in about 10 ms instead of building it from 0.8 MB of text.
const dictionary = join(dirname(createRequire(import.meta.url).resolve('@cspell/dict-en-gb-mit/cspell-ext.json')), 'en_GB.trie.gz');
writeFileSync(join(root, 'server', 'out', 'en_GB.btrie'), encodeITrieToBTrie(decodeTrie(gunzipSync(readFileSync(dictionary)))));
rmSync(join(root, 'server', 'out', 'en_GB.trie.gz'), { force: true });
