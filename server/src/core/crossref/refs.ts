/**
 * Finding the references a report makes to its own parts: "paragraph 4.3", "paras 3.1 to
 * 3.4", "para. 12", "section 5", "Appendix B", "Appendices 1 and 2", "Table 2",
 * "Figure 1", "the chart below". One keyword regex over each block's text, then a small
 * sticky parse of the labels after it: linear in the text.
 *
 * A reference into another document is not one of the report's: "paragraph 3 of Schedule
 * 12A", "section 66 of the Children and Families Act", "(Working Together 2023, para. 106)"
 * are skipped. A "section N" counts only with a cue that it is this report's ("see section
 * 5", "section 5 above"): bare "Section 114 notice", "Section 47 duties" are statutes.
 */

export type RefKind = 'paragraph' | 'section' | 'appendix' | 'table' | 'figure';

export interface RefLabel {
  /** Normalised: `4.3`, `12`, `b` (lower case). */
  value: string;
  /** As written. */
  written: string;
  /** Offsets in the report text. */
  start: number;
  end: number;
  /** This label closes a range begun by the label before it ("3.1 to 3.4"). */
  rangeEnd?: boolean;
}

export interface Reference {
  kind: RefKind;
  /** The noun as read, singular: `paragraph`, `table`, `chart`, `figure`, `appendix`. */
  noun: string;
  labels: RefLabel[];
  /** "the chart below": where the thing should be, instead of labels. */
  direction?: 'below' | 'above';
  /** Offsets of the whole reference ("paras 3.1 to 3.4"). */
  start: number;
  end: number;
}

const NOUNS: Record<string, [RefKind, string]> = {
  paragraph: ['paragraph', 'paragraph'],
  paragraphs: ['paragraph', 'paragraph'],
  para: ['paragraph', 'paragraph'],
  paras: ['paragraph', 'paragraph'],
  section: ['section', 'section'],
  sections: ['section', 'section'],
  appendix: ['appendix', 'appendix'],
  appendices: ['appendix', 'appendix'],
  table: ['table', 'table'],
  tables: ['table', 'table'],
  figure: ['figure', 'figure'],
  figures: ['figure', 'figure'],
  fig: ['figure', 'figure'],
  figs: ['figure', 'figure'],
  chart: ['figure', 'chart'],
  charts: ['figure', 'chart'],
  graph: ['figure', 'graph'],
  graphs: ['figure', 'graph'],
  diagram: ['figure', 'diagram'],
  diagrams: ['figure', 'diagram'],
};

const KEY_RE = /\b(paragraphs?|paras?|sections?|appendix|appendices|tables?|figures?|figs?|charts?|graphs?|diagrams?)\b(\.?)/gi;
/** A paragraph or section number: up to three digits a part (a year is not a paragraph). */
const NUMBER_LABEL = /\d{1,3}(?:\.\d{1,3}){0,5}(?![\d\w%/£$€]|\.\d)/y;
/** An appendix: `1`, `B` (lower case only after a capitalised `Appendix`). */
const APPENDIX_LABEL = /(?:\d{1,3}|[A-Za-z])(?![\w%/£$€]|\.\d)/y;
/** A table or figure: `2`, `2.1`, `B`. */
const TABLE_LABEL = /(?:\d{1,3}(?:\.\d{1,3})?|[A-Z])(?![\w%/£$€]|\.\d)/y;
const GAP = /[ \t\u00a0]+/y;
const SEP = /[ \t\u00a0]*(,|&|and|or|to|-|–|—)[ \t\u00a0]*/y;
/** After the labels: into another document ("of Schedule 12A", "of the Act"), unless it is this report. */
const EXTERNAL_AFTER = /^[ \t\u00a0]+(?:of|under)[ \t\u00a0]+(?!(?:this|the)[ \t\u00a0]+(?:report|paper)\b)/i;
/** Before: a citation ("(Working Together 2023, para. 106)", "[Guidance](url), paragraph 4"). */
const EXTERNAL_BEFORE = /(?:\)|\]|\b\d{4}|\b\d+[A-Z])[ \t\u00a0]*,[ \t\u00a0]*$/;
const SECTION_CUE_BEFORE = /\b(?:see|in|at|within)[ \t\u00a0]+$/i;
const SECTION_CUE_AFTER = /^[ \t\u00a0]+(?:above|below|of[ \t\u00a0]+(?:this|the)[ \t\u00a0]+report)\b/i;
const DIRECTION_BEFORE = /\b(?:the|this)[ \t\u00a0]+(?:following[ \t\u00a0]+)?$/i;
const DIRECTION_AFTER = /^[ \t\u00a0]+(below|above)\b/i;

function normaliseLabel(kind: RefKind, written: string): string {
  if (/^\d/.test(written)) return written.split('.').map((p) => String(Number(p))).join('.');
  return kind === 'appendix' ? written.toLowerCase() : written.toUpperCase();
}

/** Labels at `p` (after the noun): one, then more joined by `,` `and` `to` `-`. */
function readLabels(text: string, p: number, kind: RefKind, lowerOk: boolean): { labels: RefLabel[]; end: number } {
  const labels: RefLabel[] = [];
  const re = kind === 'appendix' ? APPENDIX_LABEL : kind === 'paragraph' || kind === 'section' ? NUMBER_LABEL : TABLE_LABEL;
  const one = (at: number): RegExpExecArray | null => {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) return null;
    if (kind === 'appendix' && !lowerOk && /^[a-z]$/.test(m[0])) return null;
    return m;
  };
  const m = one(p);
  if (!m) return { labels, end: p };
  let end = p + m[0].length;
  labels.push({ value: normaliseLabel(kind, m[0]), written: m[0], start: p, end });
  // At most 20 labels: a list of numbers in a table row is not a reference.
  while (labels.length < 20) {
    SEP.lastIndex = end;
    const s = SEP.exec(text);
    if (!s) break;
    const at = end + s[0].length;
    const n = one(at);
    if (!n) break;
    const label: RefLabel = { value: normaliseLabel(kind, n[0]), written: n[0], start: at, end: at + n[0].length };
    if (/^(?:to|-|–|—)$/.test(s[1]!)) label.rangeEnd = true;
    labels.push(label);
    end = label.end;
  }
  return { labels, end };
}

/**
 * The references in `text`, a block's source starting at offset `base` of the report.
 * `skipCaption`: the block's first words ("Table 2: ...") are the thing itself, not a reference.
 */
export function scanReferences(text: string, base: number): Reference[] {
  const out: Reference[] = [];
  if (!/para|sect|append|tabl|fig|chart|graph|diagram/i.test(text)) return out;
  const lead = /^(?:\s|[-*+>#]|\d{1,3}(?:\.\d{1,3})*\.?(?=\s)|\*\*|__|!?\[){0,8}/.exec(text)![0].length;
  KEY_RE.lastIndex = 0;
  for (let m = KEY_RE.exec(text); m !== null; m = KEY_RE.exec(text)) {
    const word = m[1]!;
    const [kind, noun] = NOUNS[word.toLowerCase()]!;
    const afterNoun = m.index + m[0].length;
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    // "Table 2: Budget" opening a block is a caption; "Appendix 1 - Detail" a listing.
    const atStart = m.index === lead;
    GAP.lastIndex = afterNoun;
    const gap = GAP.exec(text);
    const labelAt = gap ? afterNoun + gap[0].length : m[2] ? afterNoun : -1;
    const read = labelAt >= 0 ? readLabels(text, labelAt, kind, word[0] === 'A') : { labels: [], end: afterNoun };
    if (read.labels.length === 0) {
      const det = kind === 'table' || kind === 'figure' ? DIRECTION_BEFORE.exec(before) : null;
      if (det) {
        const d = DIRECTION_AFTER.exec(text.slice(afterNoun, afterNoun + 12));
        if (d) {
          const start = m.index - (before.length - det.index);
          out.push({ kind, noun, labels: [], direction: d[1]!.toLowerCase() as 'below' | 'above', start: base + start, end: base + afterNoun + d[0].length });
        }
      }
      continue;
    }
    KEY_RE.lastIndex = read.end;
    if (atStart && kind !== 'paragraph' && kind !== 'section') continue;
    const after = text.slice(read.end, read.end + 40);
    if (EXTERNAL_AFTER.test(after) || EXTERNAL_BEFORE.test(before)) continue;
    if (kind === 'section' && !SECTION_CUE_BEFORE.test(before) && !SECTION_CUE_AFTER.test(after)) continue;
    // A paragraph's own number is not a reference to itself ("Section 5" opening a line is a title).
    if (atStart && kind === 'section') continue;
    for (const l of read.labels) {
      l.start += base;
      l.end += base;
    }
    out.push({ kind, noun, labels: read.labels, start: base + m.index, end: base + read.end });
  }
  return out;
}

/** How a reference reads in a message: `paragraph 4.3`, `Appendix B`, `the chart below`. */
export function describeRef(r: Reference, l?: RefLabel): string {
  if (r.direction) return `the ${r.noun} ${r.direction}`;
  const label = l?.written ?? r.labels.map((x) => x.written).join(', ');
  return r.kind === 'appendix' ? `Appendix ${label}` : r.kind === 'table' || r.kind === 'figure' ? `${cap(r.noun)} ${label}` : `${r.noun} ${label}`;
}

function cap(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}
