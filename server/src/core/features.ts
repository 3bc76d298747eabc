import type { ReportModel, Section } from './model.js';
import { checkReport, type CheckOptions } from './check.js';
import { applyFixes } from './fix.js';
import { entryText, type FrontMatterEntry } from './frontmatter.js';
import { canonicalHeading, flattenSpecs, specParents, type ProfileRegistry } from './templates/loader.js';
import { normaliseHeading, notNeeded, similarity, type SectionMatch, type TemplateMatch } from './templates/match.js';
import type { FieldSpec, Profile, SectionSpec } from './templates/schema.js';
import { RULES } from './rules/index.js';
import { readSimpleDate } from './dates/simple.js';
import { referrersBySection } from './crossref/editor.js';
import type { Finding, Position, Range, TextEdit } from './types.js';
import type { RuleConfig, ResolvedConfig } from './config.js';
import { SEVERITIES } from './types.js';

/**
 * Editor features computed from the report model: outline, folding, completion, hover,
 * sign-off lenses, missing sections and new drafts. Pure data in, pure data out: the
 * language server only converts these shapes to LSP, and tests run them in plain Node.
 */

// ---------------------------------------------------------------------------------------
// Outline

export type OutlineKind = 'frontMatter' | 'field' | 'title' | 'section' | 'implications' | 'question' | 'appendix';

export interface OutlineItem {
  name: string;
  detail: string;
  kind: OutlineKind;
  /** The whole section (or front matter). */
  range: Range;
  /** The heading (or key) to reveal when the item is picked. */
  selectionRange: Range;
  children: OutlineItem[];
}

/** The outline of a report: front matter, then the heading tree, marked against the template. */
export function outline(model: ReportModel, match?: TemplateMatch): OutlineItem[] {
  const out: OutlineItem[] = [];
  const fm = model.frontMatter;
  if (fm.present) {
    out.push({
      name: 'Front matter',
      detail: fm.entries.length === 1 ? '1 field' : `${fm.entries.length} fields`,
      kind: 'frontMatter',
      range: fm.range,
      selectionRange: fm.range,
      children: fm.entries.map((e) => ({
        name: e.key,
        detail: e.source,
        kind: 'field' as const,
        range: e.entryRange,
        selectionRange: e.keyRange,
        children: [],
      })),
    });
  }
  const missing = match ? flattenSpecs(match.profile.sections).filter((spec) => !match.bySpec.has(spec.id)) : [];
  const missingLookalike = (s: Section): SectionSpec | undefined => {
    const title = normaliseHeading(s.heading.title);
    let best: SectionSpec | undefined;
    let bestScore = LOOKALIKE;
    for (const spec of missing) {
      if (spec.level !== s.level) continue;
      for (const t of [spec.title, ...spec.aliases, ...spec.misnomers]) {
        const sc = similarity(title, normaliseHeading(t));
        if (sc >= bestScore) [best, bestScore] = [spec, sc];
      }
    }
    return best;
  };
  const visit = (s: Section): OutlineItem => {
    const m = match?.bySection.get(s);
    const name = s.heading.text.trim() || '(empty heading)';
    let kind: OutlineKind = 'section';
    if (s === model.sections[0] && s.heading === model.title) kind = 'title';
    else if (s.inAppendix && s.level === 1) kind = 'appendix';
    else if (m?.spec.kind === 'implications' || m?.spec.signoff) kind = 'implications';
    else if (m?.spec.kind === 'question') kind = 'question';
    let detail = '';
    if (m) detail = m.wording === 'exact' ? '' : `template: ${canonicalHeading(m.spec, match!.profile)}`;
    else if (match && s.level >= 2 && !s.inAppendix) {
      // Officers add their own sub-sections; say so only of a heading that looks like a
      // template section the report lacks (a misworded one).
      const like = missingLookalike(s);
      if (like) detail = `not in the template; is it "${canonicalHeading(like, match.profile)}"?`;
    }
    const refs = referrers.get(s);
    if (refs) detail = detail ? `${detail}; ${refs}` : refs;
    return { name, detail, kind, range: s.range, selectionRange: s.heading.range, children: s.children.map(visit) };
  };
  // Which references point at each section (its heading or its own paragraphs), for the outline's hover.
  const referrers = referrersBySection(model, match);
  for (const s of model.sections) out.push(visit(s));
  return out;
}

/** How alike an unmatched heading and a missing template section must be to be named in the outline. */
const LOOKALIKE = 0.5;

// ---------------------------------------------------------------------------------------
// Folding

export interface FoldRange {
  startLine: number;
  endLine: number;
  kind?: 'region';
}

/** One fold per section (heading to its last line) and one for the front matter. */
export function foldingRanges(model: ReportModel): FoldRange[] {
  const out: FoldRange[] = [];
  const fm = model.frontMatter;
  if (fm.present && fm.range.end.line > fm.range.start.line) out.push({ startLine: fm.range.start.line, endLine: fm.range.end.line, kind: 'region' });
  for (const s of model.allSections) {
    const end = s.range.end.character === 0 && s.range.end.line > s.range.start.line ? s.range.end.line - 1 : s.range.end.line;
    if (end > s.range.start.line) out.push({ startLine: s.range.start.line, endLine: end });
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Completion

export type CompletionKind = 'section' | 'field' | 'value';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail: string;
  documentation?: string;
  /** Replaces `range` (on the cursor's line, ending at the cursor). */
  insertText: string;
  range: Range;
  filterText?: string;
  sortText: string;
  /** Ask the editor to open completion again after inserting (a key, then its value). */
  retrigger?: boolean;
  preselect?: boolean;
}

export interface FeatureContext {
  model: ReportModel;
  profile?: Profile | undefined;
  match?: TemplateMatch | undefined;
  profiles: ProfileRegistry;
  /** `yyyy-mm-dd`. */
  today: string;
  /** The workspace configuration (acronym glossary, common acronyms). */
  config?: ResolvedConfig | undefined;
}

/** Completion at a position: front-matter keys and values, or template headings the draft still needs. */
export function completions(ctx: FeatureContext, pos: Position): CompletionEntry[] {
  const { model } = ctx;
  const offset = model.index.offsetAt(pos);
  const lineStart = model.index.lineStarts[pos.line] ?? 0;
  const prefix = model.text.slice(lineStart, offset);
  const fm = model.frontMatter;
  if (fm.present && offset >= fm.contentStart && offset <= fm.contentEnd && pos.line < fm.range.end.line) {
    return frontMatterCompletions(ctx, pos, prefix);
  }
  if (!fm.present && pos.line === 0) return [];
  return headingCompletions(ctx, pos, prefix);
}

function pad(n: number): string {
  return String(n).padStart(4, '0');
}

function headingCompletions(ctx: FeatureContext, pos: Position, prefix: string): CompletionEntry[] {
  const { model, profile, match } = ctx;
  if (!profile || !match) return [];
  const m = /^(#{1,6})(?:[ \t]|$)/.exec(prefix);
  if (!m && prefix.trim() !== '') return [];
  if (offsetIsAfterAppendix(model, pos)) return [];
  const enclosing = enclosingSection(model, pos.line);
  const parentOf = specParents(profile);
  const matchOf = (s: Section | undefined): SectionMatch | undefined => (s ? match.bySection.get(s) : undefined);
  let levels: number[];
  if (m) levels = [m[1]!.length];
  else if (enclosing && enclosing.level >= 2) levels = [enclosing.level, enclosing.level + 1];
  else levels = [2];
  const candidates: SectionSpec[] = [];
  const skip = notNeeded(match);
  for (const level of levels) {
    // The template parent a heading at `level` would fall under at the cursor.
    let parentSection = enclosing;
    while (parentSection && parentSection.level >= level) parentSection = parentSection.parent;
    const parentSpec = level > 2 ? matchOf(parentSection)?.spec : undefined;
    if (level > 2 && !parentSpec) continue;
    for (const spec of match.order) {
      if (spec.level !== level || match.bySpec.has(spec.id) || skip.has(spec.id)) continue;
      if (level > 2 && parentOf.get(spec) !== parentSpec) continue;
      candidates.push(spec);
    }
  }
  const range = { start: { line: pos.line, character: 0 }, end: pos };
  const order = new Map(match.order.map((s, i) => [s, i]));
  return candidates.map((spec) => {
    const heading = `${'#'.repeat(spec.level)} ${canonicalHeading(spec, profile)}`;
    const entry: CompletionEntry = {
      label: canonicalHeading(spec, profile),
      kind: 'section',
      detail: spec.required ? `required by ${profile.id}` : `optional in ${profile.id}`,
      insertText: spec.body ? `${heading}\n\n${spec.body.trim()}` : heading,
      range,
      filterText: heading,
      sortText: `${spec.required ? 0 : 1}${pad(order.get(spec) ?? 0)}`,
    };
    const doc = sectionDoc(spec, profile);
    if (doc) entry.documentation = doc;
    return entry;
  });
}

function offsetIsAfterAppendix(model: ReportModel, pos: Position): boolean {
  return model.index.offsetAt(pos) > model.appendixStart;
}


/** The innermost section holding a line: the last heading at or before it starts it. */
export function enclosingSection(model: ReportModel, line: number): Section | undefined {
  const offset = model.index.lineStarts[Math.min(line, model.index.lineCount - 1)] ?? 0;
  let found: Section | undefined;
  for (const s of model.allSections) {
    if (s.start > offset) break;
    found = s;
  }
  return found;
}

function sectionDoc(spec: SectionSpec, profile: Profile): string {
  const parts: string[] = [];
  if (spec.kind === 'implications' && spec.signoff) {
    parts.push(spec.signoff.required ? `Needs a sign-off${spec.signoff.role ? ` by the ${spec.signoff.role}` : ''}.` : 'No sign-off needed.');
  }
  if (spec.kind === 'question') parts.push(spec.question?.reasonOnYes ? 'Answer "No", or "Yes" with the reason.' : 'Answer "Yes" or "No".');
  if (spec.aliases.length > 0) parts.push(`Also accepted: ${spec.aliases.map((a) => `"${a}"`).join(', ')}.`);
  if (spec.children.length > 0) parts.push(`Contains: ${spec.children.map((c) => canonicalHeading(c, profile)).join('; ')}.`);
  return parts.join('\n\n');
}

/**
 * Keys written in the front matter, read line by line: while a key is being typed the
 * YAML is often broken, and completion must still know the template and what is there.
 */
function looseKeys(model: ReportModel): Map<string, { line: number; value: string }> {
  const out = new Map<string, { line: number; value: string }>();
  const fm = model.frontMatter;
  const first = model.index.positionAt(fm.contentStart).line;
  const last = model.index.positionAt(fm.contentEnd).line;
  for (let line = first; line < last; line++) {
    const text = model.index.lineText(line);
    const m = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*/.exec(text);
    // The value runs to the end of the line, less trailing white space.
    const value = m ? text.slice(m[0].length).trimEnd() : '';
    if (m && !/[\n\r\u2028\u2029]/.test(value) && !out.has(m[1]!)) out.set(m[1]!, { line, value: value.replace(/^["']|["']$/g, '') });
  }
  return out;
}

function frontMatterCompletions(ctx: FeatureContext, pos: Position, prefix: string): CompletionEntry[] {
  const { model, profiles } = ctx;
  const written = looseKeys(model);
  const profile = ctx.profile ?? profiles.get(written.get('template')?.value ?? '');
  const fields = profile?.frontMatter ?? [templateFieldFallback()];
  const valueMatch = /^([A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]*([^ \t\n\r\u2028\u2029].*|)$/.exec(prefix);
  if (valueMatch) {
    const key = valueMatch[1]!;
    const start = { line: pos.line, character: prefix.length - valueMatch[2]!.length };
    const lineEnd = model.index.lineEnd(pos.line) - (model.index.lineStarts[pos.line] ?? 0);
    const range = { start, end: { line: pos.line, character: Math.max(pos.character, lineEnd) } };
    const field = fields.find((f) => f.key === key) ?? (key === 'template' ? templateFieldFallback() : undefined);
    if (!field) return [];
    return valueCompletions(field, profiles, ctx.today, profile).map((v, i) => ({ ...v, range, sortText: pad(i) }));
  }
  if (!/^[A-Za-z0-9_]*$/.test(prefix)) return [];
  const present = new Set([...written].filter(([, v]) => v.line !== pos.line).map(([k]) => k));
  const range = { start: { line: pos.line, character: 0 }, end: pos };
  return fields
    .filter((f) => !present.has(f.key))
    .map((f, i) => {
      const required = f.required ? 'required' : f.requiredWhen ? `required when "${f.requiredWhen.question}" is ${f.requiredWhen.answer}` : 'optional';
      const entry: CompletionEntry = {
        label: f.key,
        kind: 'field',
        detail: `${f.label} (${required})`,
        insertText: `${f.key}: `,
        range,
        sortText: `${f.required ? 0 : 1}${pad(i)}`,
        retrigger: true,
      };
      const doc = fieldDoc(f);
      if (doc) entry.documentation = doc;
      return entry;
    });
}

function templateFieldFallback(): FieldSpec {
  return { key: 'template', label: 'Template', type: 'template', required: true, description: 'The template profile this report is written to.', examples: [] };
}

function fieldDoc(f: FieldSpec): string {
  const parts: string[] = [];
  if (f.description) parts.push(f.description);
  parts.push(`Type: ${f.type}.`);
  if (f.examples.length > 0) parts.push(`Example: \`${f.examples[0]}\``);
  return parts.join('\n\n');
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** `2026-03-03` → `3 March 2026` (house style). */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

function valueCompletions(field: FieldSpec, profiles: ProfileRegistry, today: string, profile: Profile | undefined): Omit<CompletionEntry, 'range' | 'sortText'>[] {
  if (field.type === 'template' || field.key === 'template') {
    return profiles.all().map((p) => ({ label: p.id, kind: 'value' as const, detail: `${p.council}: ${p.name}`, documentation: p.description, insertText: p.id, preselect: p.id === profile?.id }));
  }
  const values: { label: string; detail: string }[] = [];
  if (field.type === 'date') values.push({ label: longDate(today), detail: 'today' });
  if (field.type === 'wards') values.push({ label: 'All', detail: 'every ward' });
  if (field.type === 'version') values.push({ label: 'v1', detail: 'first version' });
  for (const e of field.examples) if (!values.some((v) => v.label === e)) values.push({ label: e, detail: 'example' });
  return values.map((v) => ({ label: v.label, kind: 'value' as const, detail: v.detail, insertText: v.label }));
}

// ---------------------------------------------------------------------------------------
// Hover

export interface HoverInfo {
  /** Markdown. */
  contents: string;
  range: Range;
}

export function hover(ctx: FeatureContext, pos: Position): HoverInfo | undefined {
  const { model, profile, match, profiles } = ctx;
  const fm = model.frontMatter;
  const within = (r: Range): boolean =>
    (pos.line > r.start.line || (pos.line === r.start.line && pos.character >= r.start.character)) &&
    (pos.line < r.end.line || (pos.line === r.end.line && pos.character <= r.end.character));
  for (const e of fm.entries) {
    if (within(e.keyRange)) return fieldHover(e, profile, profiles);
    if (e.key === 'template' && within(e.valueRange)) {
      const p = profiles.get(entryText(e));
      if (p) return { contents: `**${p.council}: ${p.name}** (\`${p.id}\`)\n\n${p.description}`, range: e.valueRange };
    }
  }
  for (const s of model.allSections) {
    if (s.heading.range.start.line !== pos.line) continue;
    const m = match?.bySection.get(s);
    if (m && profile) {
      const canonical = canonicalHeading(m.spec, profile);
      const lines = [`**${canonical}**`, `${m.spec.required ? 'Required by' : 'Optional in'} ${profile.id}`];
      if (m.wording !== 'exact') lines.push(`Template wording: "${canonical}"`);
      const doc = sectionDoc(m.spec, profile);
      if (doc) lines.push(doc);
      return { contents: lines.join('\n\n'), range: s.heading.range };
    }
    if (profile && s.level >= 2 && !s.inAppendix) {
      return { contents: `Not a section of ${profile.id}${profile.allowExtraSections ? ' (extra sections are allowed)' : ''}.`, range: s.heading.range };
    }
    return undefined;
  }
  return undefined;
}

function fieldHover(e: FrontMatterEntry, profile: Profile | undefined, profiles: ProfileRegistry): HoverInfo {
  const field = profile?.frontMatter.find((f) => f.key === e.key);
  if (!field) {
    if (e.key === 'template') return { contents: `**Template** (\`template\`)\n\nThe template profile this report is written to: ${profiles.ids().map((id) => `\`${id}\``).join(', ')}.`, range: e.keyRange };
    return { contents: profile ? `\`${e.key}\` is not a field of ${profile.id}.` : `\`${e.key}\`: no template is named, so its fields are unknown.`, range: e.keyRange };
  }
  const req = field.required ? `required by ${profile!.id}` : field.requiredWhen ? `required by ${profile!.id} when "${field.requiredWhen.question}" is ${field.requiredWhen.answer}` : `optional in ${profile!.id}`;
  return { contents: [`**${field.label}** (\`${field.key}\`): ${field.type}, ${req}`, fieldDoc(field)].join('\n\n'), range: e.keyRange };
}

// ---------------------------------------------------------------------------------------
// Sign-off lenses

export interface SignOffLens {
  /** The implications heading. */
  range: Range;
  /** `Legal: signed 8 Oct 2025`, `Legal: awaiting sign-off`. */
  title: string;
  state: 'signed' | 'undated' | 'awaiting' | 'not-needed';
  /** `Signed: ... — Dated: ...` as written, for a tooltip. */
  tooltip: string;
}

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** One lens per implications block: who signed it and when, or that it awaits sign-off. */
export function signOffLenses(model: ReportModel, match?: TemplateMatch): SignOffLens[] {
  const out: SignOffLens[] = [];
  const byKey = new Map(model.signoffs.map((s) => [s.section, s]));
  for (const s of model.allSections) {
    if (s.inAppendix) continue;
    const m = match?.bySection.get(s);
    const isBlock = m ? m.spec.kind === 'implications' || m.spec.signoff !== undefined : byKey.has(s) && /implications/i.test(s.heading.title);
    if (!isBlock) continue;
    const name = shortName(m?.spec.title ?? s.heading.title);
    const so = byKey.get(s);
    const signer = so?.signed?.value.trim() ?? '';
    const dated = so?.dated?.value.trim() ?? '';
    const tooltip = [so?.signed ? `Signed: ${signer || '(blank)'}` : 'No "Signed:" line', so?.dated ? `Dated: ${dated || '(blank)'}` : 'No "Dated:" line'].join(' — ');
    let title: string;
    let state: SignOffLens['state'];
    if (signer && dated) {
      const d = readSimpleDate(dated);
      title = `${name}: signed ${d && d.year !== undefined ? `${d.day} ${SHORT_MONTHS[d.month]} ${d.year}` : dated}`;
      state = 'signed';
    } else if (signer) {
      title = `${name}: signed, no date`;
      state = 'undated';
    } else if (m && m.spec.signoff && !m.spec.signoff.required) {
      title = `${name}: no sign-off needed`;
      state = 'not-needed';
    } else {
      title = `${name}: awaiting sign-off`;
      state = 'awaiting';
    }
    out.push({ range: s.heading.range, title, state, tooltip });
  }
  return out;
}

function shortName(title: string): string {
  const lower = title.toLowerCase();
  const word = lower.endsWith('implications') ? 12 : lower.endsWith('implication') ? 11 : 0;
  const before = title.slice(0, title.length - word);
  const t = word && /\s$/.test(before) ? before.trim() : title.trim();
  return t || title;
}

// ---------------------------------------------------------------------------------------
// Readiness

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(findings: readonly Pick<Finding, 'severity'>[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of findings) {
    if (f.severity === 'error') c.errors++;
    else if (f.severity === 'warning') c.warnings++;
    else c.infos++;
  }
  return c;
}

// ---------------------------------------------------------------------------------------
// Editor settings over the workspace config

/** Rule severities from editor settings (`committeeReports.rules`), applied over the config file's. */
export function withRuleOverrides(config: ResolvedConfig, overrides: Record<string, unknown> | undefined, defaultTemplate?: string): ResolvedConfig {
  const hasRules = overrides && Object.keys(overrides).length > 0;
  if (!hasRules && !defaultTemplate) return config;
  // The same settings give the same object, so that an editing session sees settings unchanged (see `runRules`).
  const key = JSON.stringify([overrides ?? {}, defaultTemplate ?? '']);
  let made = overridden.get(config);
  if (!made) overridden.set(config, (made = new Map()));
  let out = made.get(key);
  if (!out) {
    if (made.size >= 8) made.clear();
    made.set(key, (out = applyOverrides(config, overrides, defaultTemplate)));
  }
  return out;
}

const overridden = new WeakMap<ResolvedConfig, Map<string, ResolvedConfig>>();

function applyOverrides(config: ResolvedConfig, overrides: Record<string, unknown> | undefined, defaultTemplate?: string): ResolvedConfig {
  const rules = new Map<string, RuleConfig>();
  for (const [id, rc] of config.rules) rules.set(id, { ...rc });
  for (const [id, value] of Object.entries(overrides ?? {})) {
    if (typeof value !== 'string' || !(value === 'off' || (SEVERITIES as readonly string[]).includes(value))) continue;
    for (const [rid, rc] of rules) if (rid === id || rid.startsWith(id + '/')) rc.severity = value as RuleConfig['severity'];
  }
  const out: ResolvedConfig = { ...config, rules };
  if (defaultTemplate && !config.defaultTemplate) out.defaultTemplate = defaultTemplate;
  return out;
}

// ---------------------------------------------------------------------------------------
// Missing sections and new drafts

/**
 * Inserts every required section the draft lacks, in template order, with the template's
 * wording: the headings only (the safe fix of structure/required-section), no suggested
 * body such as "None.", which is the officer's to write. Returns the edits that turn
 * `text` into the result (one edit, or none when nothing is missing).
 */
export function insertMissingSections(text: string, opts: CheckOptions = {}): { text: string; inserted: number; edits: TextEdit[] } {
  const rules = RULES.filter((r) => r.id === 'structure/required-section');
  const config = opts.config ? { ...opts.config, rules: new Map([...opts.config.rules].map(([id, rc]) => [id, id === 'structure/required-section' ? { ...rc, severity: 'error' as const } : rc])) } : undefined;
  let current = text;
  let inserted = 0;
  for (let pass = 0; pass < 20; pass++) {
    const r = checkReport(current, { ...opts, rules, ...(config ? { config } : {}) });
    const fixes = r.findings.filter((f) => f.ruleId === 'structure/required-section').flatMap((f) => f.fixes.slice(0, 1));
    if (fixes.length === 0) break;
    // One at a time: each insertion moves the anchor of the next.
    const next = applyFixes(current, fixes.slice(0, 1));
    if (next.applied === 0 || next.text === current) break;
    inserted++;
    current = next.text;
  }
  return { text: current, inserted, edits: inserted === 0 ? [] : [minimalEdit(text, current)] };
}

/** The single edit that turns `a` into `b` (common prefix and suffix kept). */
export function minimalEdit(a: string, b: string): TextEdit {
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) {
    endA--;
    endB--;
  }
  const pos = (o: number): Position => {
    let line = 0;
    let last = -1;
    for (let i = a.indexOf('\n'); i !== -1 && i < o; i = a.indexOf('\n', i + 1)) {
      line++;
      last = i;
    }
    return { line, character: o - last - 1 };
  };
  return { range: { start: pos(start), end: pos(endA) }, newText: b.slice(start, endB) };
}

export interface NewReportOptions {
  /**
   * Front-matter values by key; keys left out get empty values (and are reported until
   * filled). Also read: `signoff.<section id>` (`Name, Role` of whoever cleared that
   * implications block) with its date, `signoff_date.<section id>` or `signoff_date` for
   * all; and `contact_name`, `contact_phone`, `contact_email` for an "Officer to Contact"
   * section.
   */
  values: Record<string, string>;
  title: string;
}

/**
 * A new draft for a template: front matter in the template's order and every required
 * section with its wording, and what the officer gave: nothing else. Sections are left
 * empty for the officer to write (the checker reports them until they are), a sign-off
 * is written only for the blocks whose signatory was given, with the date given, and a
 * closing question is left unanswered. So an untouched draft is never ready to submit.
 */
export function newReport(profile: Profile, opts: NewReportOptions): string {
  const values = opts.values;
  const given = (key: string): string => values[key]?.trim() ?? '';
  const lines = ['---'];
  for (const f of profile.frontMatter) {
    if (!f.required && f.key !== 'template') continue;
    const v = f.key === 'template' ? profile.id : given(f.key);
    lines.push(v ? `${f.key}: ${yamlScalar(v)}` : `${f.key}:`);
  }
  lines.push('---', '', `# ${opts.title.trim()}`.trimEnd());
  const body = (spec: SectionSpec): string[] => {
    const parts = [`${'#'.repeat(spec.level)} ${canonicalHeading(spec, profile)}`];
    const children = spec.children.filter((c) => c.required);
    if (spec.kind === 'contact') {
      const contact = [given('contact_name')];
      if (given('contact_phone')) contact.push(`Tel: ${given('contact_phone')}`);
      if (given('contact_email')) contact.push(`Email: ${given('contact_email')}`);
      if (contact.some(Boolean)) parts.push(contact.filter(Boolean).join('  \n'));
    } else if (spec.kind === 'implications' || spec.signoff) {
      const signer = given(`signoff.${spec.id}`);
      const date = given(`signoff_date.${spec.id}`) || given('signoff_date');
      if (signer) parts.push(`Signed: ${signer}`);
      if (signer && date) parts.push(`Dated: ${/^\d{4}-\d{2}-\d{2}$/.test(date) ? longDate(date) : date}`);
    }
    for (const c of children) parts.push(...body(c));
    return parts;
  };
  const parts: string[] = [];
  for (const spec of profile.sections) if (spec.required) parts.push(...body(spec));
  return `${lines.join('\n')}\n\n${parts.join('\n\n')}\n`;
}

function yamlScalar(v: string): string {
  return /^[\w(][^:#\n]*$/.test(v) && !/^(yes|no|true|false|null|~)$/i.test(v) && !/^\d[\d.]*$/.test(v) ? v : JSON.stringify(v);
}

/** All template specs of a profile, depth first (re-exported for the editor commands). */
export function templateSections(profile: Profile): SectionSpec[] {
  return flattenSpecs(profile.sections);
}

// ---------------------------------------------------------------------------------------
// Disabling a rule for one line


export { disableRuleEdit } from './directives.js';
