import { isMap, isScalar, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import { LineIndex } from '../text.js';
import type { Range } from '../types.js';
import type { PackManifest } from './types.js';

const KEYS = new Set(['council', 'committee', 'meeting_date', 'venue', 'items']);

/**
 * Reads a pack manifest:
 *
 * ```yaml
 * committee: Children, Young People and Education Scrutiny Commission
 * meeting_date: 29 October 2024
 * venue: Meeting Room G.01, City Hall
 * items:            # agenda order: report file names without .report.md
 *   - hnb-recovery-plan
 *   - children-seeking-safety
 * ```
 *
 * Every key is optional. Bad YAML or an unknown key is a problem with its place, never a throw.
 */
export function readManifest(file: string, text: string): PackManifest {
  const index = new LineIndex(text);
  const at = (n: YamlNode | null | undefined): Range => (n?.range ? index.range(n.range[0], n.range[1]) : index.range(0, 0));
  const manifest: PackManifest = { file, items: [], problems: [] };
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  for (const e of doc.errors) manifest.problems.push({ message: e.message.split('\n')[0]!, range: index.range(e.pos[0], e.pos[1]) });
  if (doc.errors.length > 0) return manifest;
  const root = doc.contents;
  if (root === null || root === undefined) return manifest;
  if (!isMap(root)) {
    manifest.problems.push({ message: 'A pack manifest is a list of keys: committee, meeting_date, venue, council, items.', range: at(root as YamlNode) });
    return manifest;
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const value = pair.value as YamlNode | null;
    if (!KEYS.has(key)) {
      manifest.problems.push({ message: `Unknown key "${key}" in the pack manifest (known: ${[...KEYS].join(', ')}).`, range: at(pair.key as YamlNode) });
      continue;
    }
    if (key === 'items') {
      if (!isSeq(value)) {
        manifest.problems.push({ message: '"items" is a list of report file names, in agenda order.', range: at(value ?? (pair.key as YamlNode)) });
        continue;
      }
      for (const item of value.items) {
        const v = isScalar(item) ? item.value : undefined;
        const name = typeof v === 'string' || typeof v === 'number' ? String(v).trim().replace(/(\.report)?\.md$/i, '') : '';
        if (name) manifest.items.push({ name, range: at(item as YamlNode) });
        else manifest.problems.push({ message: 'An item is a report file name (without .report.md).', range: at(item as YamlNode) });
      }
      continue;
    }
    const v = isScalar(value) ? value.value : undefined;
    const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
    if (!s) {
      manifest.problems.push({ message: `"${key}" needs a value.`, range: at(value ?? (pair.key as YamlNode)) });
      continue;
    }
    if (key === 'committee') {
      manifest.committee = s;
      manifest.committeeRange = at(value);
    } else if (key === 'meeting_date') {
      manifest.meetingDate = s;
      manifest.meetingDateRange = at(value);
    } else if (key === 'venue') manifest.venue = s;
    else manifest.council = s;
  }
  return manifest;
}
