// Prose anchors for `npm run bench`: other checkers on the same document in the same run.
// - retext: retext-english + retext-spell (dictionary-en-gb, nspell) +
//   retext-indefinite-article + retext-repeated-words, on the Markdown source as text.
// - harper.js: Harper's WebAssembly linter (British English), the wasm read from the
//   package itself (no network), on the Markdown source (its own Markdown parser).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { unified } from 'unified';
import { VFile } from 'vfile';
import retextEnglish from 'retext-english';
import retextSpell from 'retext-spell';
import retextIndefiniteArticle from 'retext-indefinite-article';
import retextRepeatedWords from 'retext-repeated-words';
import dictionaryEnGb from 'dictionary-en-gb';
import { Dialect, LocalLinter, createBinaryModuleFromUrl } from 'harper.js';

export interface ProseAnchor {
  name: string;
  /** One-off set-up (dictionary, wasm), timed on its own. */
  setupMs: number;
  /** Checks the text; resolves to the number of problems found. */
  check(text: string): Promise<number>;
}

/** The retext pipeline, built once (retext-spell reads its dictionary on the first run). */
export async function retextAnchor(): Promise<ProseAnchor> {
  const t = performance.now();
  const processor = unified()
    .use(retextEnglish)
    .use(retextSpell, { dictionary: dictionaryEnGb })
    .use(retextIndefiniteArticle)
    .use(retextRepeatedWords)
    .freeze();
  // retext has no compiler here: parse and run the plugins, the messages land on the file.
  const run = async (text: string): Promise<VFile> => {
    const file = new VFile(text);
    await processor.run(processor.parse(file), file);
    return file;
  };
  // The first run loads the Hunspell dictionary into nspell: part of the set-up.
  await run('A warm-up sentence.');
  return {
    name: 'retext (english + spell en-GB + indefinite-article + repeated-words)',
    setupMs: performance.now() - t,
    async check(text) {
      return (await run(text)).messages.length;
    },
  };
}

/** harper.js with British English, its wasm binary read from the package's folder (offline). */
export async function harperAnchor(): Promise<ProseAnchor> {
  const t = performance.now();
  const wasm = fileURLToPath(import.meta.resolve('harper.js')).replace(/index\.js$/, 'harper_wasm_bg.wasm');
  const url = `data:application/wasm;base64,${readFileSync(wasm).toString('base64')}`;
  const linter = new LocalLinter({ binary: createBinaryModuleFromUrl(url), dialect: Dialect.British });
  await linter.setup();
  await linter.lint('A warm-up sentence.');
  return {
    name: 'harper.js (British English, Markdown)',
    setupMs: performance.now() - t,
    async check(text) {
      return (await linter.lint(text, { language: 'markdown' })).length;
    },
  };
}
