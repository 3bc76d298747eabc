import type { Profile } from '../../core/templates/schema.js';
import { normaliseHeading } from '../../core/templates/match.js';

/**
 * The council form's header block, read back into front-matter values: City forms print
 * a title, an unlabelled committee line, labelled lines (`Date of meeting: …`) and a
 * "Useful information" list or table; County forms print capitalised lines (committee,
 * date, title, `REPORT OF THE …`). Input is the header's lines as plain text (a table
 * row is `label` + `value`); output is the title, the values by key, and lines that are
 * none of these (kept as the report's introduction).
 */

export interface HeaderLine {
  text: string;
  /** A table row's second cell: the row is `text` (label) → `value`. */
  value?: string;
  /** Index of the source node, to keep unclaimed lines in order. */
  node: number;
}

export interface HeaderResult {
  title?: string;
  fields: Map<string, string>;
  /** Source nodes not part of the header. */
  leftover: Set<number>;
  /** Labelled lines whose label the template does not know. */
  unknown: string[];
}

/** Labels the forms print, beyond each profile's own field labels (seen in the seeds). */
const LABEL_VARIANTS: Record<string, string[]> = {
  decision_maker: ['Decision to be taken by', 'Decision maker'],
  meeting_date: ['Date of meeting', 'Date of Commission meeting', 'Meeting date', 'Date'],
  lead_director: ['Lead director', 'Lead director/officer', 'Lead Director', 'Lead officer'],
  wards_affected: ['Ward(s) affected', 'Wards affected', 'Ward affected'],
  report_author: ['Report author', 'Report authors', 'Author'],
  author_contact: ['Author contact details', 'Author contact', 'Contact details'],
  version: ['Report version number', 'Report version', 'Version'],
  committee: ['Committee', 'Decision-maker / committee', 'Decision-maker'],
  report_of: ['Report of'],
};

const PERSON_KEYS = new Set(['lead_director', 'decision_maker']);

function labelsFor(profile: Profile): { key: string; label: string }[] {
  const keys = new Set(profile.frontMatter.map((f) => f.key));
  const out: { key: string; label: string }[] = [];
  for (const f of profile.frontMatter) if (f.key !== 'template') out.push({ key: f.key, label: f.label });
  for (const [key, labels] of Object.entries(LABEL_VARIANTS)) if (keys.has(key)) for (const label of labels) out.push({ key, label });
  // Longest first: "Date of meeting" before "Date".
  return out.sort((a, b) => b.label.length - a.label.length);
}

function splitLabel(text: string, labels: { key: string; label: string }[]): { key: string; value: string } | undefined {
  const norm = text.replace(/\s+/g, ' ').trim();
  for (const { key, label } of labels) {
    if (norm.length < label.length) continue;
    if (normaliseHeading(norm.slice(0, label.length)) !== normaliseHeading(label)) continue;
    const rest = norm.slice(label.length);
    const m = /^\s*[:\-–]\s*(\S.*|)$/.exec(rest);
    if (m) return { key, value: m[1]!.trim() };
    if (rest === '') return { key, value: '' };
  }
  return undefined;
}

/** A generic labelled line (`Something: value`) whose label the template does not know. */
const OTHER_LABEL = /^([A-Z][A-Za-z()/' -]{2,40}):\s*(\S.*|[^\S\n\r\u2028\u2029])$/;

function isCaps(s: string): boolean {
  return /[A-Z]/.test(s) && s === s.toUpperCase();
}

/**
 * Title case for a capitalised County line. Words that the report writes in capitals
 * elsewhere (acronyms such as SEND) stay capitals; short joining words are lower case.
 */
export function fromCaps(s: string, keepUpper: ReadonlySet<string>): string {
  const small = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with']);
  return s
    .replace(/:\s*$/, '')
    .split(/(\s+)/)
    .map((w, i) => {
      if (/^\s+$/.test(w)) return w;
      const core = w.replace(/[^A-Za-z0-9']/g, '');
      if (keepUpper.has(core)) return w;
      const lower = w.toLocaleLowerCase('en-GB');
      if (i > 0 && small.has(lower)) return lower;
      return lower.replace(/[a-z]/, (c) => c.toUpperCase());
    })
    .join('');
}

export function readHeader(lines: HeaderLine[], profile: Profile | undefined, keepUpper: ReadonlySet<string>, knownTitle?: string): HeaderResult {
  const result: HeaderResult = { fields: new Map(), leftover: new Set(), unknown: [] };
  if (!profile) {
    for (const l of lines) result.leftover.add(l.node);
    return result;
  }
  const county = profile.frontMatter.some((f) => f.key === 'report_of') && !profile.frontMatter.some((f) => f.key === 'lead_director');
  const labels = labelsFor(profile);
  const set = (key: string, value: string): void => {
    // The exporter prints "[Report author missing]" for an empty field: still missing.
    if (value && !/^\[[^\]]* missing\]$/.test(value) && !result.fields.has(key)) result.fields.set(key, value);
  };
  let lastPerson: string | undefined;
  const unlabelled: HeaderLine[] = [];
  for (const l of lines) {
    const text = l.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    if (/^useful information:?$/i.test(text)) {
      lastPerson = undefined;
      continue;
    }
    const labelled = l.value !== undefined ? splitLabel(`${text}: ${l.value}`, labels) : splitLabel(text, labels);
    if (labelled) {
      set(labelled.key, labelled.value);
      lastPerson = PERSON_KEYS.has(labelled.key) && !labelled.value.includes(',') ? labelled.key : undefined;
      continue;
    }
    // A person's role printed on the line after the name.
    if (lastPerson && !isCaps(text) && !OTHER_LABEL.test(text)) {
      result.fields.set(lastPerson, `${result.fields.get(lastPerson)}, ${text}`);
      lastPerson = undefined;
      continue;
    }
    lastPerson = undefined;
    const other = l.value !== undefined ? { label: text, value: l.value } : OTHER_LABEL.exec(text) ? { label: OTHER_LABEL.exec(text)![1]!, value: OTHER_LABEL.exec(text)![2]! } : undefined;
    if (other && !county) {
      result.unknown.push(`${other.label}: ${other.value}`);
      continue;
    }
    unlabelled.push({ ...l, text });
  }

  if (county) {
    // Capitalised lines: committee, date, title (may wrap over lines), REPORT OF THE ….
    const caps = unlabelled.filter((l) => isCaps(l.text));
    const titleParts: string[] = [];
    for (const l of caps) {
      const t = l.text;
      const reportOf = /^(JOINT\s+)?REPORT\s+OF\s+(?:THE\s+(\S.*|)|(\S.*|))$/.exec(t);
      if (reportOf) {
        set('report_of', reportOf[1] ? fromCaps(t, keepUpper) : fromCaps(reportOf[2] ?? reportOf[3]!, keepUpper));
      } else if (!result.fields.has('committee') && /COMMITTEE|COMMISSION|BOARD|CABINET|COUNCIL/.test(t)) {
        set('committee', fromCaps(t, keepUpper));
      } else if (!result.fields.has('meeting_date') && /^\d{1,2}(ST|ND|RD|TH)?\s+[A-Z]+\s+\d{4}$/.test(t)) {
        set('meeting_date', fromCaps(t, keepUpper));
      } else {
        titleParts.push(t);
      }
    }
    if (titleParts.length > 0 && knownTitle === undefined) result.title = fromCaps(titleParts.join(' '), keepUpper);
    for (const l of unlabelled) if (!isCaps(l.text)) result.leftover.add(l.node);
    return result;
  }

  // City: the first unlabelled line is the title, the next the committee.
  for (const l of unlabelled) {
    if (result.title === undefined && knownTitle === undefined) result.title = l.text;
    else if (!result.fields.has('committee')) set('committee', l.text);
    else result.leftover.add(l.node);
  }
  return result;
}
