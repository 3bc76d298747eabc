import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeTrie } from 'cspell-trie-lib';
import { setDictionarySource } from '../core/prose/dictionary.js';

/** The dictionary's file name: copied beside the bundles by the build (scripts/build.mjs). */
export const DICTIONARY_FILE = 'en_GB.trie.gz';

/** Where the trie is: beside the bundle (the packaged extension), else in its npm package. */
export function dictionaryPath(): string {
  const bundled = join(dirname(fileURLToPath(import.meta.url)), DICTIONARY_FILE);
  if (existsSync(bundled)) return bundled;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@cspell/dict-en-gb-mit/cspell-ext.json')), DICTIONARY_FILE);
}

/**
 * Lets the core read the dictionary from disk (the CLI, the tests; the server's checking
 * thread imports this module only after its first results: lsp/worker.ts).
 */
export function installDictionary(): void {
  setDictionarySource(() => decodeTrie(gunzipSync(readFileSync(dictionaryPath()))));
}
