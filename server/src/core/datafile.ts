import { parseDocument, isCollection, isPair, isScalar, LineCounter } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { LineIndex } from './text.js';
import type { Range } from './types.js';

/** Config and profile files are small; a larger one is refused unread. */
export const MAX_DATA_FILE_CHARS = 1_000_000;
/** How many alias expansions a file may make (YAML's own default). */
const MAX_ALIAS_COUNT = 100;

/** A problem in a configuration or profile file, located at the bad value. */
export interface DataProblem {
  message: string;
  /** Path of the bad value, e.g. `sections[4].children[2].signoff.required`. */
  path: string;
  range: Range;
}

export interface DataFileResult<T> {
  value?: T;
  problems: DataProblem[];
  /** Range of the value at a path (or its nearest existing ancestor). */
  locate(path: (string | number)[], key?: boolean): Range;
  /** Validates the parsed data again with another schema, without parsing the text again. */
  validate<S2 extends z.ZodType>(schema: S2): { value?: z.output<S2>; problems: DataProblem[] };
}

/**
 * Parses a JSON or YAML file (JSON is read as YAML, which keeps positions) and
 * validates it with a zod schema. Every problem names the exact path of the bad value
 * and points at it in the file.
 */
export function readDataFile<S extends z.ZodType>(text: string, schema: S): DataFileResult<z.output<S>> {
  const index = new LineIndex(text);
  if (text.length > MAX_DATA_FILE_CHARS) {
    // Refused at once: parsing a file this size would take minutes and all the memory.
    const problems = [{ message: `The file is too large to read (${text.length} characters; the limit for a config or profile file is ${MAX_DATA_FILE_CHARS}).`, path: '', range: index.range(0, 0) }];
    return { problems, locate: () => index.range(0, 0), validate: () => ({ problems }) };
  }
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false });
  const locate = (path: (string | number)[], key = false): Range => rangeOfPath(doc, index, path, undefined, key);
  const syntax: DataProblem[] = doc.errors.map((err) => {
    const [s, e] = err.pos;
    return { message: `Not valid JSON/YAML: ${err.message.split('\n')[0]}`, path: '', range: index.range(s, Math.max(e, s + 1)) };
  });
  let data: unknown;
  if (syntax.length === 0) {
    try {
      // Aliases are expanded with a bound (a "billion laughs" file would never finish).
      data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      syntax.push({ message: `Not valid JSON/YAML: ${e instanceof Error ? e.message : String(e)}`, path: '', range: index.range(0, 0) });
    }
  }
  const validate = <S2 extends z.ZodType>(s2: S2): { value?: z.output<S2>; problems: DataProblem[] } => {
    if (syntax.length > 0) return { problems: syntax };
    const parsed = s2.safeParse(data ?? {});
    if (parsed.success) return { value: parsed.data, problems: [] };
    return {
      problems: parsed.error.issues.map((issue) => {
        const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
        const unknownKeys = issue.code === 'unrecognized_keys' ? (issue as { keys?: string[] }).keys : undefined;
        return { message: issue.message, path: formatPath(path), range: rangeOfPath(doc, index, path, unknownKeys) };
      }),
    };
  };
  return { ...validate(schema), locate, validate };
}

export function formatPath(path: (string | number)[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out ? `.${p}` : p;
  return out;
}

/** Range of the node at `path`, or of the nearest ancestor that exists. */
export function rangeOfPath(doc: Document, index: LineIndex, path: (string | number)[], unknownKeys?: string[], preferKey = false): Range {
  let node: YamlNode | null | undefined = doc.contents;
  let keyNode: YamlNode | undefined;
  for (const part of path) {
    if (!isCollection(node)) break;
    const next: unknown = node.get(part, true);
    if (next === undefined) {
      // Point at the key of a missing member's parent pair instead of the whole file.
      break;
    }
    keyNode = undefined;
    if (isCollection(node) && 'items' in node) {
      for (const item of node.items as unknown[]) {
        if (isPair(item) && isScalar(item.key) && item.key.value === part) keyNode = item.key as YamlNode;
      }
    }
    node = next as YamlNode;
  }
  if (unknownKeys && unknownKeys.length > 0 && isCollection(node)) {
    for (const item of node.items as unknown[]) {
      if (isPair(item) && isScalar(item.key) && unknownKeys.includes(String(item.key.value)) && item.key.range) {
        return index.range(item.key.range[0], item.key.range[1]);
      }
    }
  }
  if (preferKey && keyNode?.range) return index.range(keyNode.range[0], keyNode.range[1]);
  const target = node && (node as YamlNode).range ? (node as YamlNode) : keyNode;
  if (target?.range) {
    // For a collection, point at its key (if any) rather than its whole body.
    if (isCollection(target) && keyNode?.range) return index.range(keyNode.range[0], keyNode.range[1]);
    return index.range(target.range[0], target.range[1]);
  }
  return index.range(0, 0);
}
