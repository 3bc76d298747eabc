/**
 * Builds the built-in council glossary (server/src/core/acronyms/glossary.json) from the
 * acronym expansions the seed reports define (shared/acronyms.tsv).
 *
 *   node --import tsx scripts/build-acronym-glossary.ts [path/to/acronyms.tsv [path/to/output.json]]
 *
 * The seeds contradict themselves: the same acronym is spelt out two or three ways, some
 * glossary entries are wrong, some names are out of date. Every acronym with more than one
 * expansion (after ignoring case, punctuation and plurals) must have a decision below, so a
 * new conflict in the data stops the build instead of being resolved by accident.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStopWord, normExpansion, singularExpansion, fitAcronym, splitWords } from '../server/src/core/acronyms/expansion.ts';
import type { BuiltinGlossary, GlossaryEntry } from '../server/src/core/acronyms/builtin.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const tsvPath = process.argv[2] ?? join(root, '..', 'shared', 'acronyms.tsv');
const outPath = process.argv[3] ?? join(root, 'server', 'src', 'core', 'acronyms', 'glossary.json');

interface Decision {
  /** The expansion the glossary gives. */
  expansion?: string;
  /** Other spellings that are accepted (not reported as non-standard). */
  variants?: string[];
  /** Unrelated meanings: each is offered, none is guessed. */
  senses?: string[];
  /** Leave the acronym out, for this reason. */
  exclude?: string;
  note?: string;
}

const DECISIONS: Record<string, Decision> = {
  // Conflicts resolved.
  ASD: {
    senses: ['Autism Spectrum Disorder', 'Adolescence Safety and Diversion Board'],
    note: 'Two unrelated meanings (SEND reports vs the safeguarding partnership report): both kept as senses; a fix offers both and never picks one.',
  },
  BERA: {
    expansion: 'Best Endeavours and Reasonable Adjustments',
    variants: ['Best Endeavour Reasonable Adjustments'],
    note: 'Named after the duties to use "best endeavours" (s.66 Children and Families Act 2014) and make "reasonable adjustments"; the task group glossary form is accepted.',
  },
  CDOP: {
    expansion: 'Child Death Overview Panel',
    note: 'The statutory panel; "Process" (001:1362) is a slip within one report, and "C-DOP" a one-off spelling.',
  },
  CFST: {
    expansion: 'Children and Families Support Team',
    variants: ['Children and Family Support Team'],
    note: 'The council glossary (001) form; the other form (000) is accepted.',
  },
  CIN: {
    expansion: 'Child in Need',
    variants: ['Children in Need'],
    note: 'The Children Act 1989 s.17 term; the plural is common in glossaries. Also written CiN.',
  },
  CQC: { expansion: 'Care Quality Commission', note: '"Care and Quality Commission" (003:763) is wrong.' },
  CYPE: {
    expansion: 'Children, Young People and Education',
    variants: ['Children, Young People and Education Scrutiny Commission'],
    note: 'Used as "CYPE Scrutiny Commission", so the acronym itself is the first four words.',
  },
  DCS: { expansion: "Director of Children's Services", note: 'DCSs: Directors of Children\'s Services.' },
  DSG: { expansion: 'Dedicated Schools Grant', note: '"Designated Schools Grant" (003:829) and "Dedicated School Grants" (002:193) are wrong.' },
  DSP: {
    expansion: 'Designated Specialist Provision',
    variants: ['Designated Special Provision'],
    note: 'Both forms appear in the same agenda pack; the seeds cannot say which is the official one, so both are accepted (a report must still use one).',
  },
  EDI: {
    expansion: 'Equality, Diversity and Inclusion',
    variants: ['Equity, Diversity and Inclusion'],
    note: 'Equity is a deliberate choice for some teams; accepted, but a report must use one.',
  },
  EHC: { expansion: 'Education, Health and Care', note: 'Statutory wording; the seeds write "Education and Health Care" (003), which is wrong.' },
  EHCP: {
    expansion: 'Education, Health and Care Plan',
    note: 'Statutory name (Children and Families Act 2014). "Education and Health Care Plan" (000 glossary, 003) and "Education Health Care Plan" are wrong.',
  },
  EMAS: { expansion: 'East Midlands Ambulance Service', note: '"East Midland" (001:1707) is a misspelling.' },
  ISS: {
    expansion: 'Independent Special School',
    variants: ['Independent Special School providers'],
    note: 'The seed writes "Independent Special School providers (ISS)"; the acronym names the schools.',
  },
  HNB: { expansion: 'High Needs Block', note: '"High Needs" (001:107) lacks the B.' },
  HMCI: {
    expansion: "His Majesty's Chief Inspector",
    variants: ["Her Majesty's Chief Inspector"],
    note: 'The seed glossary dates from 2015; "His" since September 2022. The old form is accepted for older reports.',
  },
  ICT: { expansion: 'Information and Communication Technology', note: 'The seed glossary\'s "Information, Communication and Technology" is not the usual form.' },
  LEPS: {
    expansion: 'Leicestershire Educational Psychology Service',
    variants: ['Leicestershire Education Psychology Service'],
    note: 'The service is an educational psychology service; the seed form is accepted.',
  },
  LLR: { expansion: 'Leicester, Leicestershire and Rutland', variants: ['Leicester City, Leicestershire and Rutland'] },
  LSCB: {
    expansion: 'Local Safeguarding Children Board',
    variants: ['Leicester Safeguarding Children Board'],
    note: 'The statutory boards were replaced by safeguarding partnerships in 2017-2019 (LSCP/LSCPB).',
  },
  LSCP: {
    expansion: 'Leicester Safeguarding Children Partnership',
    note: 'The seed writes it in capitals with "BOARD", which is LSCPB.',
  },
  LSCPB: { expansion: 'Leicester Safeguarding Children Partnership Board', note: 'Written LSCPb in the seed (001:1118).' },
  MACPT: { expansion: 'Multi-Agency Child Protection Team' },
  PINS: {
    expansion: 'Partnerships for Inclusion of Neurodiversity in Schools',
    variants: ['Partnership for Inclusion of Neurodiversity in Schools'],
    note: 'The DfE programme name is plural; the singular is accepted.',
  },
  SEND: {
    expansion: 'Special Educational Needs and Disabilities',
    note: '"Special Education Needs" (000 glossary) is wrong; "... and Disability" is the same expansion.',
  },
  SPIL: {
    expansion: 'Specialist Provision in Leicestershire',
    variants: ['SEND Provision in Leicestershire'],
    note: 'One report (004) uses both; the seeds cannot say which is right, so both are accepted (a report must still use one).',
  },
  UHL: {
    expansion: 'University Hospitals of Leicester',
    variants: ['University Hospitals Leicester', 'University Hospitals of Leicester NHS Trust', 'University Hospitals Leicester NHS Trust'],
    note: 'The trust is University Hospitals of Leicester NHS Trust.',
  },
  // Wrong, outdated or report-specific entries left out.
  CAHMS: { exclude: 'misspelling of CAMHS (001:1510; CAMHS two lines later)' },
  GCSE: { exclude: 'the seed glossary expands it as "General Certificate of Education" (it is ...of Secondary Education); GCSE is common knowledge instead' },
  SEF: { exclude: '"Self-evaluation" does not account for the F' },
  SEIPS: { exclude: 'the initials do not fit "Secondary Education Inclusion Partnership" (an extra S)' },
  CYPF: { exclude: 'outdated division name (now Social Care and Education)' },
  'CYPS Scrutiny': { exclude: 'outdated commission name (now CYPE), and not an acronym' },
  'SCA 2022': { exclude: 'report-specific label' },
  'TSIL CI': { exclude: 'report-specific label' },
  'MPS-Spr-25': { exclude: 'report-specific label' },
  DCFSF2: { exclude: 'report-specific label' },
  Kit: { exclude: 'written as a word (Keep in Touch)' },
};

/** Acronyms so widely known that no report needs to spell them out. */
const COMMON = ['UK', 'NHS', 'EU', 'UN', 'USA', 'GP', 'MP', 'BBC', 'TV', 'COVID', 'COVID-19', 'PDF', 'CCTV', 'OK', 'GCSE', 'VAT', 'HM', 'ID'];

/** Not from the seeds: quarters, which the seed reports use unexplained. */
const SUPPLEMENT: Record<string, string> = { Q1: 'Quarter 1', Q2: 'Quarter 2', Q3: 'Quarter 3', Q4: 'Quarter 4' };

interface Row {
  acronym: string;
  expansion: string;
  where: string;
  plural: boolean;
}

function readRows(path: string): Row[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const head = lines[0]!.split('\t');
  const col = (name: string) => head.indexOf(name);
  const out: Row[] = [];
  for (const line of lines.slice(1)) {
    if (!line.trim()) continue;
    const c = line.split('\t');
    const acronym = c[col('acronym')]!.trim();
    const file = c[col('seed_file')]!.slice(0, 3);
    const plural = /[A-Z]s$/.test(acronym);
    out.push({ acronym, expansion: c[col('expansion')]!.trim(), where: `${file}:${c[col('line')]}`, plural });
  }
  return out;
}

function keyOf(acronym: string): string {
  return acronym.replace(/(?<=[A-Z])s$/, '').replace(/-/g, '').toUpperCase();
}

/** Title Case, as glossaries print it: `Adult social Care` -> `Adult Social Care`; small words stay lower case. */
function titleCase(s: string): string {
  const shouted = s === s.toUpperCase();
  return s
    .split(/(\s+)/)
    .map((w, i) => {
      const word = shouted ? w.toLowerCase() : w;
      if (i > 0 && word.split('/').every(isStopWord)) return word.toLowerCase();
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join('');
}

/** Among spellings of one expansion, the best to print: mixed case, capitalised words, apostrophes. */
function bestSpelling(forms: string[]): string {
  const score = (s: string) => {
    const words = s.split(/\s+/).filter((w) => !isStopWord(w));
    const caps = words.filter((w) => /^[A-Z]/.test(w)).length / Math.max(1, words.length);
    return (s === s.toUpperCase() ? -10 : 0) + Math.round(caps * 4);
  };
  const counts = new Map<string, number>();
  for (const f of forms) counts.set(f, (counts.get(f) ?? 0) + 1);
  const apostrophe = (s: string) => (/[’']/.test(s) ? 1 : 0);
  const singular = (s: string) => (/[^s]s$/.test(s) ? 0 : 1);
  return [...counts.keys()].sort(
    (a, b) => score(b) - score(a) || apostrophe(b) - apostrophe(a) || singular(b) - singular(a) || counts.get(b)! - counts.get(a)!,
  )[0]!;
}

const rows = readRows(tsvPath);
const byKey = new Map<string, { written: string; rows: Row[] }>();
for (const r of rows) {
  const k = DECISIONS[r.acronym]?.exclude ? r.acronym : keyOf(r.acronym);
  const g = byKey.get(k) ?? { written: '', rows: [] };
  if (!g.written && !r.plural) g.written = r.acronym;
  g.rows.push(r);
  byKey.set(k, g);
}

const entries: Record<string, GlossaryEntry> = {};
const excluded: BuiltinGlossary['excluded'] = [];
const problems: string[] = [];

for (const [key, g] of [...byKey].sort((a, b) => a[0].localeCompare(b[0]))) {
  g.written ||= g.rows[0]!.acronym.replace(/(?<=[A-Z])s$/, '');
  const decision = DECISIONS[key] ?? DECISIONS[g.written];
  const sources = [...new Set(g.rows.map((r) => r.where))];
  if (decision?.exclude) {
    for (const e of new Set(g.rows.map((r) => r.expansion))) excluded.push({ acronym: g.written, expansion: e, reason: decision.exclude });
    continue;
  }
  // Singular expansions for plural rows (EHCPs -> Education, Health and Care Plan).
  const singular = g.rows.map((r) => (r.plural ? singularExpansion(r.expansion) : r.expansion));
  const groups = new Map<string, string[]>();
  for (const e of singular) {
    const n = normExpansion(e, true);
    groups.set(n, [...(groups.get(n) ?? []), e]);
  }
  let senses: string[];
  let variants: string[] = [];
  if (decision?.senses) senses = decision.senses;
  else if (decision?.expansion) {
    senses = [decision.expansion];
    variants = decision.variants ?? [];
    const accepted = [decision.expansion, ...variants].map((e) => normExpansion(e, true));
    for (const [n, forms] of groups) {
      if (!accepted.includes(n)) excluded.push({ acronym: key, expansion: forms[0]!, reason: `conflicts with "${decision.expansion}"${decision.note ? `: ${decision.note}` : ''}` });
    }
  } else {
    if (groups.size > 1) {
      problems.push(`${key}: ${groups.size} expansions (${[...groups.values()].map((f) => `"${f[0]}"`).join(', ')}): add a decision`);
      continue;
    }
    senses = [titleCase(bestSpelling([...groups.values()][0]!))];
  }
  for (const s of senses) {
    if (!fitAcronym(key, splitWords(s).map((w) => w.text)).fits) problems.push(`${key}: "${s}" does not fit the acronym`);
  }
  const pluralRow = g.rows.find((r) => r.plural);
  const entry: GlossaryEntry = { senses };
  if (variants.length) entry.variants = variants;
  if (pluralRow && senses.length === 1 && normExpansion(singularExpansion(pluralRow.expansion), true) === normExpansion(senses[0]!, true)) {
    entry.plural = titleCase(pluralRow.expansion);
  }
  if (decision?.note) entry.note = decision.note;
  entry.sources = sources;
  entries[DECISIONS[key] ? key : g.written] = entry;
}

for (const [k, v] of Object.entries(SUPPLEMENT)) entries[k] = { senses: [v], note: 'Not defined in the seeds; added because they use it unexplained.', sources: [] };

if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}

const out: BuiltinGlossary = {
  $comment: 'Generated by scripts/build-acronym-glossary.ts from shared/acronyms.tsv. Do not edit: change the decisions in the script and run it again.',
  common: COMMON,
  entries: Object.fromEntries(Object.entries(entries).sort((a, b) => a[0].localeCompare(b[0]))),
  excluded,
};
writeFileSync(outPath, JSON.stringify(out, null, 2) + '\n');
console.log(`${Object.keys(entries).length} acronyms, ${excluded.length} expansions left out -> ${outPath}`);
