import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport, fixReport } from '../../server/src/core/check.js';
import type { Finding } from '../../server/src/core/types.js';

/**
 * Mutation fuzzing of the checker: drafts cut from the seeds and rule fixtures, then
 * mutated with what breaks Markdown parsers and the rules' scanners (deep nesting,
 * unclosed fences and HTML blocks, long runs, tables, addresses, CRLF, a BOM). Each draft
 * must be checked without an exception or a failing rule, every finding's range must lie
 * inside the draft, and applying the safe fixes must converge: fixing the fixed text
 * again changes nothing. Used by `test/unit/fuzz.test.ts` (a fixed seed) and by
 * `npm run fuzz -- --count N [--seed S]`.
 */

const repo = join(import.meta.dirname, '..', '..');
const TODAY = '2026-02-20';

function listDrafts(dir: string, out: string[]): string[] {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.isDirectory()) listDrafts(join(dir, e.name), out);
    else if (e.name.endsWith('.report.md')) out.push(join(dir, e.name));
  }
  return out;
}

export function corpus(): string[] {
  return [...listDrafts(join(repo, 'test', 'seeds'), []), ...listDrafts(join(repo, 'test', 'fixtures'), [])].sort().map((f) => readFileSync(f, 'utf8'));
}

/** A small deterministic generator (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '> ', '* ', '- ', '1. ', '  ', '\t', '|', '| --- |', '\n', '\n\n', '```', '~~~', '<div>', '</div>', '<pre>', '<textarea>', '<!--', '-->',
  '@', 'www.', 'https://', 'mailto:', '[', ']', '](', '(', ')', '`', '*', '_', '\\', '&#64;', '#', '## ', '---', ':', '\r\n', '\r', '\ufeff',
  '0116 454 1170', 'clerk@leicester.gov.uk', '31 February 2026', 'Monday 3 March 2026', 'Q3 (October to December)', 'Signed: ', 'Dated: ',
  'Legal implications', 'Financial implications', 'None.', 'Children and Young People (CYP)', 'CYPJS', '[^1]', '[x]: http://a',
];

/** Characters that open, close or separate something: the alphabet of hostile motifs. */
const HOSTILE = '*_~ \t<>[]()@.-:`a1|#';

/**
 * One mutated draft: a piece of a corpus draft (at most `maxWindow` characters; with
 * `whole`, sometimes the whole draft), changed 1-8 times.
 */
export function mutate(rand: () => number, drafts: string[], maxWindow = 2500, whole = true): string {
  const base = drafts[Math.floor(rand() * drafts.length)]!;
  // A window (front matter kept when it starts at 0), or the whole draft.
  let text = base;
  if (!whole || rand() < 0.7) {
    const len = 100 + Math.floor(rand() * maxWindow);
    const start = rand() < 0.5 ? 0 : Math.floor(rand() * Math.max(1, base.length - len));
    text = base.slice(start, start + len);
  }
  const edits = 1 + Math.floor(rand() * 8);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * (text.length + 1));
    const r = rand();
    if (r < 0.05) {
      // A hostile motif: two or three short pieces or characters repeated hundreds or
      // thousands of times (nested emphasis `*a `, `*_`; runs of spaces before a word;
      // many unclosed brackets, backticks or `<<`), the shapes that make a pattern or a
      // parser look again from every position.
      let motif = '';
      for (let k = 2 + Math.floor(rand() * 2); k > 0; k--) motif += rand() < 0.5 ? HOSTILE[Math.floor(rand() * HOSTILE.length)] : PIECES[Math.floor(rand() * 12)];
      text = text.slice(0, at) + motif.repeat(200 + Math.floor(rand() * 1800)) + text.slice(at);
    } else if (r < 0.45) {
      const piece = PIECES[Math.floor(rand() * PIECES.length)]!;
      const times = rand() < 0.1 ? 1 + Math.floor(rand() * 400) : 1;
      text = text.slice(0, at) + piece.repeat(times) + text.slice(at);
    } else if (r < 0.65) {
      text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 40));
    } else if (r < 0.8) {
      const from = Math.floor(rand() * text.length);
      text = text.slice(0, at) + text.slice(from, from + Math.floor(rand() * 200)) + text.slice(at);
    } else if (r < 0.9) {
      text = text.replace(/\n/g, '\r\n');
    } else {
      text = String.fromCharCode(Math.floor(rand() * 0x3000)) + text;
    }
  }
  return text;
}

export interface FuzzProblem {
  kind: 'exception' | 'rule-error' | 'range' | 'not-idempotent';
  detail: string;
  draft: string;
}

export interface FuzzOutcome {
  findings: number;
  fixes: number;
  problems: FuzzProblem[];
}

function rangeInside(f: Finding, lines: string[]): boolean {
  const ok = (p: { line: number; character: number }): boolean => p.line >= 0 && p.line < lines.length && p.character >= 0 && p.character <= lines[p.line]!.length;
  const { start, end } = f.range;
  return ok(start) && ok(end) && (start.line < end.line || (start.line === end.line && start.character <= end.character));
}

/** Checks one draft; every broken promise is returned, never thrown. */
export function fuzzOne(draft: string): FuzzOutcome {
  const problems: FuzzProblem[] = [];
  let findings = 0;
  let fixes = 0;
  try {
    const r = checkReport(draft, { today: TODAY });
    findings = r.findings.length;
    for (const e of r.ruleErrors) problems.push({ kind: 'rule-error', detail: `${e.ruleId}: ${e.error.split('\n')[0]}`, draft });
    const lines = draft.split('\n');
    for (const f of r.findings) if (!rangeInside(f, lines)) problems.push({ kind: 'range', detail: `${f.ruleId} ${JSON.stringify(f.range)}`, draft });
    if (r.findings.some((f) => f.fixes.some((x) => x.safe && !x.snippet))) {
      const once = fixReport(draft, { today: TODAY });
      fixes = once.fixed;
      for (const e of once.result.ruleErrors) problems.push({ kind: 'rule-error', detail: `after fixing, ${e.ruleId}: ${e.error.split('\n')[0]}`, draft });
      const twice = fixReport(once.text, { today: TODAY });
      if (twice.text !== once.text) {
        const left = once.result.findings.filter((f) => f.fixes.some((x) => x.safe && !x.snippet)).map((f) => f.ruleId);
        problems.push({ kind: 'not-idempotent', detail: `safe fixes left after fixing: ${[...new Set(left)].join(', ')}`, draft });
      }
    }
  } catch (e) {
    problems.push({ kind: 'exception', detail: e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e), draft });
  }
  return { findings, fixes, problems };
}
