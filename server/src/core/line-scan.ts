/**
 * The state a scan of Markdown lines keeps to know whether a line is inside fenced code,
 * an HTML block that may hold blank lines, or front matter. Shared by the incremental
 * parser's chunking and the parse limits, so both read the same lines as code.
 */

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const HTML_OPEN = /^ {0,3}<(?:(script|pre|style|textarea)(?:[\s>]|$)|(!--)|(\?)|(![A-Za-z])|(!\[CDATA\[))/i;
const HTML_CLOSE: Record<string, RegExp> = {
  tag: /<\/(?:script|pre|style|textarea)>/i,
  comment: /-->/,
  pi: /\?>/,
  decl: />/,
  cdata: /\]\]>/,
};

export interface ScanState {
  fence?: { char: string; len: number };
  html?: string;
  /** Inside front matter (the document's first line is `---`): no cut before its closing `---`. */
  yaml?: boolean;
}

/** A front matter fence line (`---`, spaces or tabs after it; the first may follow a byte-order mark). */
export const YAML_FENCE = /^\uFEFF?---[ \t]*\r?$/;

/** Updates the fence/HTML/front-matter state with one line. */
export function advance(state: ScanState, line: string): void {
  if (state.yaml) {
    if (YAML_FENCE.test(line)) state.yaml = false;
    return;
  }
  if (state.fence) {
    const m = FENCE.exec(line);
    if (m && m[1]![0] === state.fence.char && m[1]!.length >= state.fence.len && /^\s*$/.test(line.slice(m[0].length))) state.fence = undefined;
    return;
  }
  if (state.html) {
    if (HTML_CLOSE[state.html]!.test(line)) state.html = undefined;
    return;
  }
  const f = FENCE.exec(line);
  if (f) {
    // A backtick fence's info string may not contain backticks.
    if (f[1]![0] === '`' && line.slice(f[0].length).includes('`')) return;
    state.fence = { char: f[1]![0]!, len: f[1]!.length };
    return;
  }
  const h = HTML_OPEN.exec(line);
  if (h) {
    const kind = h[1] ? 'tag' : h[2] ? 'comment' : h[3] ? 'pi' : h[4] ? 'decl' : 'cdata';
    // The block may close on its own first line.
    if (!HTML_CLOSE[kind]!.test(line.slice(h[0].length))) state.html = kind;
  }
}
