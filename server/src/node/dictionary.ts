import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { decodeTrie, type ITrie } from 'cspell-trie-lib';
import { setDictionarySource } from '../core/prose/dictionary.js';

/**
 * The dictionary's file beside the bundles: cspell's binary trie, which the build writes
 * from the npm package's text trie (scripts/build.mjs). Reading the text
 * trie means gunzipping it to 0.8 MB of text and building the trie from that, character
 * by character: 130-300 ms of every thread that loads it (each of `check`'s worker threads,
 * the language server's checking thread). The binary trie is the same trie's arrays,
 * read as they are: about 10 ms.
 */
export const DICTIONARY_FILE = 'en_GB.btrie';
/** The npm package's text trie, gzipped (read when no build has written the binary one: the tests under tsx). */
const PACKAGE_FILE = 'en_GB.trie.gz';

/** Where the trie is: the binary one beside the bundle (`dir`), else the npm package's. */
export function dictionaryPath(dir = dirname(fileURLToPath(import.meta.url))): string {
  const bundled = join(dir, DICTIONARY_FILE);
  if (existsSync(bundled)) return bundled;
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@cspell/dict-en-gb-mit/cspell-ext.json')), PACKAGE_FILE);
}

/** Reads a dictionary file: a gzipped text trie (`.gz`) or a binary one (cspell-trie-lib tells the formats apart). */
export function readTrie(file: string): ITrie {
  const raw = readFileSync(file);
  return decodeTrie(file.endsWith('.gz') ? gunzipSync(raw) : raw);
}

/**
 * Lets the core read the dictionary from disk (the CLI, the tests; the server's checking
 * thread imports this module only after its first results: lsp/worker.ts).
 */
export function installDictionary(): void {
  setDictionarySource(() => readTrie(dictionaryPath()));
}
