/**
 * The workspace word list of the spelling rule (`rules["prose/spelling"].options.words` in
 * `.committee-reports.json`). Imports nothing, so the server's connection thread can offer
 * "Add to workspace dictionary" without loading the checker.
 */

/** "Add to workspace dictionary" as data: where the word goes in the workspace's `.committee-reports.json`. */
export interface WordAddition {
  file: '.committee-reports.json';
  path: ['rules', 'prose/spelling', 'options', 'words'];
  word: string;
  description: string;
}

export function wordAddition(word: string): WordAddition {
  return { file: '.committee-reports.json', path: ['rules', 'prose/spelling', 'options', 'words'], word, description: `Add "${word}" to the workspace dictionary` };
}

/** Applies a word addition to the text of a JSON config file (or creates one); the list stays sorted and without repeats. */
export function applyWordAddition(configText: string | undefined, add: WordAddition): string {
  const data = (configText && configText.trim() ? JSON.parse(configText) : {}) as Record<string, unknown>;
  const rules = (data.rules ??= {}) as Record<string, unknown>;
  let setting = rules['prose/spelling'];
  if (typeof setting === 'string') setting = rules['prose/spelling'] = { severity: setting };
  const s = (setting ??= rules['prose/spelling'] = {}) as Record<string, unknown>;
  const options = (s.options ??= {}) as Record<string, unknown>;
  const words = Array.isArray(options.words) ? (options.words as unknown[]).filter((w): w is string => typeof w === 'string') : [];
  if (!words.includes(add.word)) words.push(add.word);
  options.words = words.sort((a, b) => a.localeCompare(b));
  return JSON.stringify(data, null, 2) + '\n';
}
