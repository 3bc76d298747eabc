import type { ReportModel, Section } from '../model.js';
import { sectionText } from '../model.js';
import type { SectionMatch, TemplateMatch } from '../templates/match.js';
import type { Profile, SectionSpec } from '../templates/schema.js';
import { canonicalHeading } from '../templates/loader.js';
import type { Fix, Range } from '../types.js';

export function replaceFix(title: string, range: Range, newText: string, safe = true): Fix {
  return { title, edits: [{ range, newText }], safe };
}

export function insertFix(title: string, model: ReportModel, offset: number, newText: string, safe = true): Fix {
  const pos = model.index.positionAt(offset);
  return { title, edits: [{ range: { start: pos, end: pos }, newText }], safe };
}

/**
 * Markdown for a template section and its required sub-sections: their headings only
 * (the template's structure, which has one right wording). With `filled`, also the
 * template's suggested text (`body`, such as "None.") and empty "Signed:" / "Dated:"
 * lines where a sign-off is required: content the officer has to confirm, so only ever
 * offered as a fix that is not safe.
 */
export function sectionSkeleton(spec: SectionSpec, profile: Profile, filled = false): string {
  const parts = [`${'#'.repeat(spec.level)} ${canonicalHeading(spec, profile)}`];
  if (filled && spec.body?.trim()) parts.push(spec.body.trimEnd());
  if (filled && spec.signoff?.required) parts.push('Signed:', 'Dated:');
  for (const c of spec.children) if (c.required) parts.push(sectionSkeleton(c, profile, filled));
  return parts.join('\n\n');
}

/** What a filled skeleton adds to the headings, quoted for a fix title: `"None.", "Signed:"`. */
export function skeletonFilling(spec: SectionSpec): string[] {
  const out: string[] = [];
  const visit = (s: SectionSpec): void => {
    if (s.body?.trim()) out.push(s.body.trim());
    if (s.signoff?.required) out.push('Signed:', 'Dated:');
    for (const c of s.children) if (c.required) visit(c);
  };
  visit(spec);
  return [...new Set(out)];
}

/** The first block of a section: a closing question's answer. */
export function answerOf(section: Section): { text: string; range: Range; start: number; end: number } | undefined {
  const b = section.blocks.find((x) => x.kind !== 'html');
  if (!b) return undefined;
  return { text: b.source.replace(/<!--[\s\S]*?-->/g, '').trim(), range: b.range, start: b.start, end: b.end };
}

export type Answer = 'yes' | 'no' | 'unclear';

export function readAnswer(text: string): Answer {
  if (/^\**\s*yes\b/i.test(text)) return 'yes';
  if (/^\**\s*no\b/i.test(text)) return 'no';
  return 'unclear';
}

/** Answer of a closing question named by spec id, if the section is there. */
export function questionAnswer(match: TemplateMatch | undefined, id: string): { answer: Answer; m: SectionMatch; text: string } | undefined {
  const m = match?.bySpec.get(id);
  if (!m) return undefined;
  const a = answerOf(m.section);
  if (!a) return undefined;
  return { answer: readAnswer(a.text), m, text: a.text };
}

/** True when a section has no text of its own and none in its sub-sections. */
export function isEmptySection(section: Section): boolean {
  if (sectionText(section) !== '' && !section.blocks.every((b) => b.kind === 'html' || BARE_NUMBER.test(b.source.trim()))) return false;
  return section.children.every(isEmptySection);
}

/** A paragraph number with nothing after it (`1.1`, `3.`), as a skeleton leaves it. */
const BARE_NUMBER = /^\(?\d{1,3}(?:\.\d{1,3}){0,3}[.)]?$/;

/** A section as the report words it, then the template's wording when that differs. */
export function sectionLabel(section: Section, spec: SectionSpec, profile: Profile): string {
  const own = section.heading.text.trim();
  const short = own.length > 80 ? `${own.slice(0, 79)}…` : own;
  const tpl = canonicalHeading(spec, profile);
  return short === tpl ? `"${tpl}"` : `"${short}" (the template's "${tpl}")`;
}

/** A short label for messages: `5.1 Financial implications`. */
export function specLabel(spec: SectionSpec, profile: Profile): string {
  return canonicalHeading(spec, profile);
}
