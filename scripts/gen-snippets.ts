/**
 * Generates snippets/committee-report.code-snippets from the built-in template profiles,
 * so the snippets never drift from the templates the checker reads.
 *
 *   node --import tsx scripts/gen-snippets.ts           write the snippets file
 *   node --import tsx scripts/gen-snippets.ts --check   exit 1 if the committed file differs
 *
 * Conventions in the generated snippets:
 * - The snippets write no content and no date for the officer. A placeholder with a
 *   default is either a value the template fixes (`${4:Head of Finance}`, `${2:v1}`) or
 *   a placeholder the checker reports until it is replaced (`${3:Name}`, `Report title`,
 *   `first.last@`, a `0000` phone number: structure/template-prompt); a bare tab stop
 *   (`$7`) is content or a date the officer must write (left empty, the checker reports
 *   the empty section, field or sign-off date).
 * - Implication blocks and closing questions that more than one form has (City executive
 *   5.x, City scrutiny 4.x) get one snippet with a choice of number.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUILTIN_PROFILES, canonicalHeading } from '../server/src/core/templates/loader.js';
import type { FieldSpec, Profile, SectionSpec } from '../server/src/core/templates/schema.js';

export interface Snippet {
  prefix: string;
  description: string;
  scope: string;
  body: string[];
}

export type SnippetFile = Record<string, Snippet>;

export const LANGUAGE_ID = 'committee-report';
export const SNIPPETS_PATH = join(fileURLToPath(new URL('..', import.meta.url)), 'snippets', 'committee-report.code-snippets');


/** Short prefixes for the built-in forms; other profiles get `report-<council>-<form>`. */
const REPORT_PREFIXES: Record<string, string> = {
  'leicester-city/executive': 'report-exec',
  'leicester-city/scrutiny': 'report-scrutiny',
  'leicestershire-county/committee': 'report-county',
};

/** Escapes literal text for a snippet body (`$`, `}` and `\` are special). */
export function esc(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

/** Escapes one option of a choice placeholder (`,` and `|` are special there too). */
function escChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}

/** Hands out tab-stop numbers in order. */
class Stops {
  private n = 0;
  next(): number {
    return ++this.n;
  }
  /** `${n:default}`; the default is snippet syntax already (escape literals with esc). */
  ph(defaultSnippet: string): string {
    return `\${${this.next()}:${defaultSnippet}}`;
  }
  /** `$n`: content the officer must write. */
  bare(): string {
    return `$${this.next()}`;
  }
  choice(options: string[]): string {
    return `\${${this.next()}|${options.map(escChoice).join(',')}|}`;
  }
}

function phoneDefault(example: string | undefined): string {
  const m = example?.match(/\b0\d{3} ?\d{3} ?\d{4}\b/);
  if (!m) return 'phone';
  return m[0].replace(/\d{4}$/, '0000');
}

/** One front-matter line for a field. */
function fieldLine(field: FieldSpec, profile: Profile, stops: Stops): string {
  const key = field.key;
  const example = field.examples[0];
  switch (field.type) {
    case 'template':
      return `${key}: ${esc(profile.id)}`;
    case 'date':
      return `${key}: ${stops.bare()}`;
    case 'person':
      return `${key}: ${stops.ph('Name')}, ${stops.ph('Role')}`;
    case 'people':
      return `${key}: ${stops.ph('Name')}`;
    case 'contact': {
      const domain = profile.contact.emailDomains[0];
      const email = domain ? `${stops.ph('first.last')}@${esc(domain)}` : stops.ph('email');
      const parts = [profile.contact.requireEmail ? email : undefined, profile.contact.requirePhone ? stops.ph(esc(phoneDefault(example))) : undefined];
      return `${key}: ${parts.filter(Boolean).join(', ')}`;
    }
    case 'wards':
      return `${key}: ${stops.ph(esc(example ?? 'All'))}`;
    case 'version':
      return `${key}: ${stops.ph(esc(example ?? 'v1'))}`;
    case 'text':
      return `${key}: ${example ? stops.ph(esc(example)) : stops.bare()}`;
  }
}

function frontMatter(profile: Profile, stops: Stops): string[] {
  const lines = ['---'];
  for (const f of profile.frontMatter) {
    if (f.required) {
      lines.push(fieldLine(f, profile, stops));
    } else if (f.requiredWhen) {
      const q = findSpec(profile.sections, f.requiredWhen.question);
      const label = q ? (q.number ? `question ${q.number}` : `"${q.title}"`) : f.requiredWhen.question;
      const answer = f.requiredWhen.answer === 'yes' ? 'Yes' : 'No';
      const example = f.type === 'person' ? 'Name, Role' : (f.examples[0] ?? '');
      // A YAML comment: the officer uncomments it when the answer requires the field.
      lines.push(esc(`# ${f.key}: ${example}  (${f.label}: needed when ${label} is answered ${answer})`));
    }
  }
  lines.push('---');
  return lines;
}

function findSpec(list: SectionSpec[], id: string): SectionSpec | undefined {
  for (const s of list) {
    if (s.id === id) return s;
    const c = findSpec(s.children, id);
    if (c) return c;
  }
  return undefined;
}

/** `Signed:` / `Dated:` pair, each its own paragraph. */
function signoffLines(role: string | undefined, stops: Stops): string[] {
  return [`Signed: ${stops.ph('Name')}, ${stops.ph(esc(role ?? 'Role'))}`, '', `Dated: ${stops.bare()}`];
}

/** Answer of a closing question: "No", or "Yes - " and the officer types the reason. */
function answerChoice(spec: SectionSpec, stops: Stops): string {
  const yes = spec.question?.reasonOnYes === false ? 'Yes' : 'Yes - ';
  const no = spec.body?.trim() || 'No';
  return stops.choice(no === 'No' ? ['No', yes] : [no, 'No', yes]);
}

/** Body of an implications block: text, then the sign-off when the template asks for one. */
function implicationsBody(spec: SectionSpec, stops: Stops): string[] {
  const lines = [stops.bare()];
  if (spec.signoff?.required) lines.push('', ...signoffLines(spec.signoff.role, stops));
  return lines;
}

/** The full skeleton of one template form. */
export function skeleton(profile: Profile): string[] {
  const stops = new Stops();
  const lines = [...frontMatter(profile, stops), '', `# ${stops.ph('Report title')}`];
  let paragraph = 0; // continuous numbering
  const para = (spec: SectionSpec, text: string): string => {
    if (profile.numbering === 'continuous') return `${++paragraph}. ${text}`;
    return spec.number ? `${spec.number}.1 ${text}` : text;
  };
  /** Suggested body text: the profile's `body` (its own leading number replaced), or a bare tab stop. */
  const suggested = (spec: SectionSpec): string => (spec.body ?? '').replace(/^\d+(?:\.\d+)*\.?\s+/, '');
  const walk = (specs: SectionSpec[]): void => {
    for (const spec of specs) {
      // A variant's section (the hybrid form's "3. Detailed Report") stands in for others: not in the skeleton.
      if (spec.insteadOf.length > 0) continue;
      const hashes = '#'.repeat(spec.level);
      lines.push('', `${hashes} ${esc(canonicalHeading(spec, profile))}`);
      if (spec.children.length > 0) {
        walk(spec.children);
        continue;
      }
      lines.push('');
      switch (spec.kind) {
        case 'implications':
          lines.push(...implicationsBody(spec, stops));
          break;
        case 'question':
          lines.push(answerChoice(spec, stops));
          break;
        case 'papers':
        case 'appendices':
        case 'glossary':
          lines.push(stops.bare());
          break;
        case 'contact':
          lines.push(...officerLines(profile, stops));
          break;
        case 'content': {
          const lead = suggested(spec);
          // A sentence the template starts is kept; an answer it suggests ("None.") is the officer's to give.
          const text = /\S\s$/.test(lead) ? `${esc(lead)}${stops.bare()}` : stops.bare();
          lines.push(para(spec, text));
          break;
        }
      }
    }
  };
  walk(profile.sections);
  lines.push('$0');
  return lines;
}

/** Officer to contact (County): name / job title / phone / email, one per line (hard breaks). */
function officerLines(profile: Profile, stops: Stops): string[] {
  const domain = profile.contact.emailDomains[0];
  const lines = [`${stops.ph('Name')}  `, `${stops.ph('Job title')}  `];
  const tel = `Tel: ${stops.ph('0116 305 0000')}`;
  let email: string | undefined;
  if (domain) {
    const n = stops.next();
    email = `Email: [\${${n}:first.last}@${esc(domain)}](mailto:\${${n}}@${esc(domain)})`;
  } else {
    email = `Email: ${stops.ph('email')}`;
  }
  lines.push(`${tel}  `, email);
  return lines;
}

function reportPrefix(profile: Profile): string {
  return REPORT_PREFIXES[profile.id] ?? `report-${profile.id.replace('/', '-')}`;
}

/** Specs of `kind` with numbered headings, grouped by id across profiles. */
function shared(profiles: readonly Profile[], kind: SectionSpec['kind']): { id: string; items: { profile: Profile; spec: SectionSpec }[] }[] {
  const groups = new Map<string, { profile: Profile; spec: SectionSpec }[]>();
  const walk = (profile: Profile, list: SectionSpec[]): void => {
    for (const spec of list) {
      if (spec.kind === kind && profile.numberedHeadings && spec.number) {
        const g = groups.get(spec.id) ?? [];
        g.push({ profile, spec });
        groups.set(spec.id, g);
      }
      walk(profile, spec.children);
    }
  };
  for (const p of profiles) walk(p, p.sections);
  return [...groups].map(([id, items]) => ({ id, items }));
}

/**
 * Splits a group into sets whose heading wording, level and sign-off agree (one snippet
 * each, with a choice of number), so a form with other wording gets its own snippet.
 */
function byWording(items: { profile: Profile; spec: SectionSpec }[]): { profile: Profile; spec: SectionSpec }[][] {
  const sets = new Map<string, { profile: Profile; spec: SectionSpec }[]>();
  for (const it of items) {
    const k = JSON.stringify([it.spec.title, it.spec.level, it.spec.signoff ?? null, it.spec.body ?? null, it.spec.question ?? null]);
    const s = sets.get(k) ?? [];
    s.push(it);
    sets.set(k, s);
  }
  return [...sets.values()];
}

/** The shortest accepted wording, for descriptions. */
function shortTitle(spec: SectionSpec): string {
  return [spec.title, ...spec.aliases].reduce((a, b) => (b.length < a.length ? b : a));
}

function formList(items: { profile: Profile; spec: SectionSpec }[]): string {
  return items.map((i) => `${i.spec.number} ${i.profile.id}`).join(', ');
}

function numberChoice(items: { spec: SectionSpec }[], stops: Stops): string {
  const numbers = [...new Set(items.map((i) => i.spec.number!))];
  return numbers.length === 1 ? esc(numbers[0]!) : stops.choice(numbers);
}

function headingAfterNumber(spec: SectionSpec, profile: Profile): string {
  const h = canonicalHeading(spec, profile);
  return h.slice(h.indexOf(spec.number!) + spec.number!.length);
}

export function buildSnippets(profiles: readonly Profile[] = BUILTIN_PROFILES): SnippetFile {
  const out: SnippetFile = {};
  const add = (name: string, s: Omit<Snippet, 'scope'>): void => {
    if (out[name]) throw new Error(`duplicate snippet name "${name}"`);
    if (Object.values(out).some((o) => o.prefix === s.prefix)) throw new Error(`duplicate snippet prefix "${s.prefix}"`);
    out[name] = { ...s, scope: LANGUAGE_ID };
  };

  for (const p of profiles) {
    add(`Report skeleton: ${p.id}`, {
      prefix: reportPrefix(p),
      description: `Full ${p.council} ${p.name.toLowerCase()} (${p.id}): front matter and every template section${p.sections.some((s) => s.children.some((c) => c.kind === 'implications')) ? ', implications with sign-offs' : ''}. ${p.description}`,
      body: skeleton(p),
    });
  }

  for (const group of shared(profiles, 'implications')) {
    const sets = byWording(group.items);
    sets.forEach((items, i) => {
      const stops = new Stops();
      const { profile, spec } = items[0]!;
      const prefix = `impl-${group.id}` + (sets.length > 1 ? `-${reportPrefix(profile).replace(/^report-/, '')}` : '');
      const heading = `${'#'.repeat(spec.level)} ${numberChoice(items, stops)}${esc(headingAfterNumber(spec, profile))}`;
      add(`Implications: ${spec.title}${sets.length > 1 ? ` (${i + 1})` : ''}`, {
        prefix,
        description: `"${spec.title}" block${spec.signoff?.required ? ` with its sign-off (${spec.signoff.role ?? 'signatory'})` : ' (no sign-off required)'}; number: ${formList(items)}.`,
        body: [heading, '', ...implicationsBody(spec, stops), '$0'],
      });
    });
  }

  const q = new Stops();
  add('Sign-off', {
    prefix: 'signoff',
    description: 'Implications sign-off: "Signed: Name, Role" and "Dated:" (today, d MMMM yyyy), each its own paragraph.',
    body: [...signoffLines(undefined, q), '$0'],
  });

  const r = new Stops();
  add('Recommendation', {
    prefix: 'recommendation',
    description: 'A numbered recommendation paragraph, e.g. "2.1 To note the report."',
    body: [`${r.ph('2.1')} ${r.choice(['To note', 'To comment on', 'To endorse', 'To approve'])} ${r.ph('the report')}.$0`],
  });

  const contactProfile = profiles.find((p) => p.sections.some((s) => s.kind === 'contact'));
  if (contactProfile) {
    const spec = contactProfile.sections.find((s) => s.kind === 'contact')!;
    add('Officer to contact', {
      prefix: 'officer-contact',
      description: `${contactProfile.council} "${spec.title}": name, job title, phone and email, one per line.`,
      body: [...officerLines(contactProfile, new Stops()), '$0'],
    });
  }

  for (const group of shared(profiles, 'question')) {
    const sets = byWording(group.items);
    sets.forEach((items, i) => {
      const stops = new Stops();
      const { profile, spec } = items[0]!;
      const prefix = `q-${group.id}` + (sets.length > 1 ? `-${reportPrefix(profile).replace(/^report-/, '')}` : '');
      const heading = `${'#'.repeat(spec.level)} ${numberChoice(items, stops)}${esc(headingAfterNumber(spec, profile))}`;
      add(`Closing question: ${spec.id}${sets.length > 1 ? ` (${i + 1})` : ''}`, {
        prefix,
        description: `Closing question "${shortTitle(spec)}" with its answer (No, or Yes - reason); number: ${formList(items)}.`,
        body: [heading, '', answerChoice(spec, stops), '$0'],
      });
    });
  }
  return out;
}

export function renderSnippets(profiles: readonly Profile[] = BUILTIN_PROFILES): string {
  return `${JSON.stringify(buildSnippets(profiles), null, 2)}\n`;
}

function main(argv: string[]): number {
  const text = renderSnippets();
  if (argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(SNIPPETS_PATH, 'utf8');
    } catch {
      current = '';
    }
    if (current !== text) {
      process.stderr.write(`${SNIPPETS_PATH} is out of date with the template profiles: run "node --import tsx scripts/gen-snippets.ts".\n`);
      return 1;
    }
    process.stdout.write('snippets are up to date\n');
    return 0;
  }
  writeFileSync(SNIPPETS_PATH, text);
  process.stdout.write(`wrote ${SNIPPETS_PATH} (${Object.keys(JSON.parse(text) as object).length} snippets)\n`);
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = main(process.argv.slice(2));
}
