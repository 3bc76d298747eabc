import type { ReportModel, Section } from '../../core/model.js';
import type { Profile } from '../../core/templates/schema.js';
import type { Finding } from '../../core/types.js';
import { firstWords } from './wordxml.js';

/**
 * Where a finding on an imported draft is in the Word document, in words a Word user can
 * find (no draft line numbers): the header field, the heading, or the paragraph's number
 * and first words with the heading it sits under.
 */
export function wordPlace(f: Finding, model: ReportModel, profile: Profile | undefined): string {
  return placeOfLine(f.range.start.line, model, profile);
}

/** A finding's message with its draft line references ("at line 29") put as Word places. */
export function wordMessage(message: string, model: ReportModel, profile: Profile | undefined): string {
  return message.replace(/\b(at |on )?line (\d+)\b/g, (all, at: string | undefined, n: string) => {
    const line = Number(n) - 1;
    return line >= 0 && line < model.index.lineCount ? `${at ?? ''}${placeOfLine(line, model, profile)}` : all;
  });
}

export function placeOfLine(line: number, model: ReportModel, profile: Profile | undefined): string {
  const fm = model.frontMatter;
  if (fm.present && line <= fm.range.end.line) {
    const entry = fm.entries.find((e) => e.entryRange.start.line <= line && line <= e.entryRange.end.line);
    const label = entry ? (profile?.frontMatter.find((x) => x.key === entry.key)?.label ?? entry.key) : undefined;
    return label ? `header block, "${label}"` : 'header block';
  }
  if (model.title && model.title.range.start.line === line) return 'report title';
  const section = innermost(model.sections, line);
  if (section && section.heading.range.start.line === line) return `heading "${section.heading.text}"`;
  const under = section ? ` under "${section.heading.text}"` : '';
  const block = (section ? section.blocks : model.blocks).find((b) => b.range.start.line <= line && line <= b.range.end.line);
  const lineText = model.index.lineText(line).replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').replace(/^\|/, '').trim();
  if (block?.number) {
    const own = block.range.start.line === line ? lineText.slice(lineText.indexOf(block.number.value) === 0 ? model.text.slice(block.number.start, block.number.end).length : 0).trim() : lineText;
    return `paragraph ${block.number.value} "${firstWords(own)}"`;
  }
  if (lineText) return `"${firstWords(lineText)}"${under}`;
  return section ? `section "${section.heading.text}"` : 'start of the document';
}

function innermost(sections: Section[], line: number): Section | undefined {
  let found: Section | undefined;
  let list = sections;
  for (;;) {
    const s = list.find((x) => x.range.start.line <= line && line <= x.range.end.line);
    if (!s) return found;
    found = s;
    list = s.children;
  }
}
