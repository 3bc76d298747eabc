import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeITrieToBTrie } from 'cspell-trie-lib';
import { DICTIONARY_FILE, dictionaryPath, readTrie } from '../../server/src/node/dictionary.js';
import { seedReports } from './seed-reports.js';

/** Bytes decoded as text (the text trie's format) while `f` runs. */
function textDecoded(f: () => void): number {
  const decode = TextDecoder.prototype.decode;
  let bytes = 0;
  TextDecoder.prototype.decode = function (this: TextDecoder, input?: AllowSharedBufferSource, options?: TextDecodeOptions) {
    if (input) bytes += input.byteLength;
    return decode.call(this, input, options);
  };
  try {
    f();
  } finally {
    TextDecoder.prototype.decode = decode;
  }
  return bytes;
}

test('a thread reads the binary dictionary the build writes beside the bundles without decoding the text trie, and it answers as the text trie does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cr-dictionary-'));
  try {
    // The package's text trie (what the tests read without a build).
    const packaged = dictionaryPath(dir);
    assert.ok(packaged.endsWith('.gz'));
    let text!: ReturnType<typeof readTrie>;
    const textBytes = textDecoded(() => (text = readTrie(packaged)));
    assert.ok(textBytes > 500_000, `the text trie is decoded as text (${textBytes} bytes)`);
    // The build's binary trie beside the bundles is preferred, and read without decoding the text (only its header's few bytes).
    writeFileSync(join(dir, DICTIONARY_FILE), encodeITrieToBTrie(text));
    const bundled = dictionaryPath(dir);
    assert.equal(bundled, join(dir, DICTIONARY_FILE));
    let binary!: ReturnType<typeof readTrie>;
    const binaryBytes = textDecoded(() => (binary = readTrie(bundled)));
    assert.ok(binaryBytes < 1000, `${binaryBytes} bytes decoded as text`);
    // The same answers to what the rules ask: words as written and in lower case, beginnings of words (suggestions), the data's own look-up.
    const asked = new Set<string>();
    for (const { text: report } of seedReports()) for (const w of report.match(/[\p{L}][\p{L}'’-]*/gu) ?? []) for (const x of [w, w.toLowerCase(), w.slice(0, 3), `${w}x`]) asked.add(x);
    assert.ok(asked.size > 5000, `${asked.size} words asked`);
    let known = 0;
    for (const w of asked) {
      assert.equal(binary.has(w), text.has(w), w);
      assert.equal(binary.find(w) !== undefined, text.find(w) !== undefined, w);
      assert.equal(binary.data.has(w), text.data.has(w), w);
      if (text.has(w)) known++;
    }
    assert.ok(known > 1000);
    assert.equal(binary.data.hasCompoundWords, text.data.hasCompoundWords);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
