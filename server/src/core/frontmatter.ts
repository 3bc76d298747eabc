import { parseDocument, isMap, isScalar, LineCounter } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import type { LineIndex } from './text.js';
import type { Range } from './types.js';

export interface FrontMatterEntry {
  key: string;
  keyRange: Range;
  /** Plain JS value (strings, numbers, lists...). */
  value: unknown;
  /** The value as written in the source, trimmed; '' when empty. */
  source: string;
  valueRange: Range;
  /** Offsets of the value in the document (for edits). */
  valueStart: number;
  valueEnd: number;
  /** Whole line(s) of the entry. */
  entryRange: Range;
}

export interface FrontMatterProblem {
  message: string;
  range: Range;
}

export interface FrontMatter {
  present: boolean;
  /** From the opening `---` to the end of the closing `---`. */
  range: Range;
  /** Offset where the YAML content starts and ends in the document. */
  contentStart: number;
  contentEnd: number;
  entries: FrontMatterEntry[];
  byKey: Map<string, FrontMatterEntry>;
  problems: FrontMatterProblem[];
}

export function emptyFrontMatter(index: LineIndex): FrontMatter {
  return {
    present: false,
    range: index.range(0, 0),
    contentStart: 0,
    contentEnd: 0,
    entries: [],
    byKey: new Map(),
    problems: [],
  };
}

/**
 * Reads the YAML front matter whose block spans [blockStart, blockEnd) in the document.
 * Every key and value keeps its exact range; YAML errors become problems at the
 * position the YAML parser names, never exceptions.
 */
export function readFrontMatter(index: LineIndex, blockStart: number, blockEnd: number): FrontMatter {
  const text = index.text;
  const firstBreak = text.indexOf('\n', blockStart);
  const contentStart = firstBreak === -1 ? blockEnd : firstBreak + 1;
  // The closing fence is the last line of the block.
  let closing = text.lastIndexOf('\n', blockEnd - 1);
  if (closing < contentStart - 1) closing = contentStart - 1;
  const contentEnd = Math.max(contentStart, closing + 1);
  const yamlText = text.slice(contentStart, contentEnd);
  const fm: FrontMatter = {
    present: true,
    range: index.range(blockStart, blockEnd),
    contentStart,
    contentEnd,
    entries: [],
    byKey: new Map(),
    problems: [],
  };
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number, end = offset): Range => index.range(contentStart + offset, contentStart + Math.max(end, offset));
  for (const err of doc.errors) {
    const [s, e] = err.pos;
    fm.problems.push({ message: `Front matter is not valid YAML: ${firstLine(err.message)}`, range: at(s, e > s ? e : s + 1) });
  }
  if (fm.problems.length > 0) return fm;
  if (doc.contents === null) return fm;
  if (!isMap(doc.contents)) {
    const r = (doc.contents as YamlNode).range ?? [0, yamlText.length];
    fm.problems.push({ message: 'Front matter must be a list of `key: value` lines.', range: at(r[0], r[1]) });
    return fm;
  }
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    if (!isScalar(keyNode) || keyNode.range === undefined || keyNode.range === null) continue;
    const key = String(keyNode.value);
    const [ks, ke] = keyNode.range;
    const valueNode = pair.value as YamlNode | null;
    let vs: number;
    let ve: number;
    if (valueNode && valueNode.range) {
      [vs, ve] = valueNode.range;
    } else {
      // `key:` with nothing after it: the empty value sits just after the colon.
      const colon = yamlText.indexOf(':', ke);
      vs = ve = colon === -1 ? ke : colon + 1;
    }
    const lineEndOffset = yamlText.indexOf('\n', Math.max(ve - 1, ks));
    const entryEnd = lineEndOffset === -1 ? yamlText.length : lineEndOffset;
    const value: unknown = valueNode ? (isScalar(valueNode) ? valueNode.value : valueNode.toJSON()) : null;
    const source = yamlText.slice(vs, ve).trim();
    const entry: FrontMatterEntry = {
      key,
      keyRange: at(ks, ke),
      value,
      source,
      valueRange: at(vs, ve),
      valueStart: contentStart + vs,
      valueEnd: contentStart + ve,
      entryRange: at(ks, entryEnd),
    };
    fm.entries.push(entry);
    if (!fm.byKey.has(key)) fm.byKey.set(key, entry);
  }
  return fm;
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return (i === -1 ? s : s.slice(0, i)).replace(/ at line \d+, column \d+:?$/, '');
}

/** A front-matter value as text, for rules that read names, dates and contacts. */
export function entryText(entry: FrontMatterEntry | undefined): string {
  if (!entry) return '';
  const v = entry.value;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(String).join(', ');
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).trim();
}
