import { basename } from 'node:path';
import { appendixFileLabel } from '../core/crossref/analysis.js';

// Which files a folder search takes as Word reports: what `check` needs to know of Word
// files before it reads any. Reading them needs the importer (import.ts), which is in a
// bundle of its own (cli-convert.cjs, loaded only then: convert-bundle.ts).

/** Word files the checker reads through the importer. */
export function isWordFile(file: string): boolean {
  return /\.(docx|docm|dotx|doc)$/i.test(file);
}

/** What a folder search looks for beside the Markdown drafts (not .dotx: a blank form is no report). */
export const WORD_SEARCH_PATTERNS = ['**/*.docx', '**/*.docm', '**/*.doc'];

/**
 * Word's owner file (`~$udget.docx`): a hidden file of a few bytes naming who has the
 * document open. Never a report, even when a shell's `*.docx` passes it.
 */
export function isOwnerFile(file: string): boolean {
  return /^~\$/.test(basename(file));
}

const wordStem = (file: string): string => file.replace(/\.(docx|docm|dotx|doc)$/i, '').toLowerCase();
const draftStem = (file: string): string => file.replace(/(\.report)?\.md$/i, '').toLowerCase();

/**
 * Of the Word files a folder or glob search found, those that are reports to check. Left
 * out: a blank form (.dotx); a report's appendix by the appendix-file convention
 * (`budget.appendix-B.docx`); and the Word copy of a draft checked in the same run, the
 * .docx with the draft's name beside it (`budget.docx` beside `budget.report.md`, as
 * `import` and `export` name them), so that one report is checked, and counted, once.
 * The copies left out are returned to be named (a .docx given by name is always checked).
 */
export function searchedWordFiles(word: readonly string[], drafts: readonly string[]): { keep: string[]; copies: { docx: string; draft: string }[] } {
  const draftByStem = new Map(drafts.map((d) => [draftStem(d), d]));
  const keep: string[] = [];
  const copies: { docx: string; draft: string }[] = [];
  for (const f of word) {
    if (isOwnerFile(f) || /\.dotx$/i.test(f)) continue;
    const name = basename(f);
    const i = name.toLowerCase().lastIndexOf('.appendix-');
    if (i > 0 && appendixFileLabel(`${name.slice(0, i)}.report.md`, name) !== undefined) continue;
    const draft = draftByStem.get(wordStem(f));
    if (draft) copies.push({ docx: f, draft });
    else keep.push(f);
  }
  return { keep, copies };
}
