/**
 * Which files are reports (report-format.md): `*.report.md`, and any `.md` file whose
 * front matter has a `template:` key. `head` reads the start of the file lazily.
 */
export function isReportFile(path: string, head: () => string): boolean {
  if (/\.report\.md$/i.test(path)) return true;
  if (!/\.md$/i.test(path)) return false;
  return hasTemplateKey(head());
}

export function hasTemplateKey(text: string): boolean {
  const m = /^(?:\ufeff)?---\r?\n([\s\S]*?)\r?\n---\s*(?:\r?\n|$)/.exec(text);
  return m !== null && /^template\s*:/m.test(m[1]!);
}
