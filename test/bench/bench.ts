// `npm run bench [-- --json] [-- --quick]`: checks large real documents and reports,
// in the same run, remark-parse alone, remark-parse with GFM and front matter, the
// full check, and each rule category's share, as medians of repeated runs.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parsePlainMarkdown, parseMarkdown } from '../../server/src/core/parse.js';
import { parseReport } from '../../server/src/core/incremental.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { loadDictionary } from '../../server/src/core/prose/dictionary.js';
import { analyseReport, runRules, checkReport } from '../../server/src/core/check.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { defaultConfig } from '../../server/src/core/config.js';
import type { RuleCategory } from '../../server/src/core/types.js';
import { ReportSession } from '../../server/src/core/session.js';
import { lint as markdownlint } from 'markdownlint/sync';
import { serverBench } from './server-bench.js';
import { harperAnchor, retextAnchor, type ProseAnchor } from './anchors.js';
import { loadavg } from 'node:os';
import { folderBench } from './folder-bench.js';

const repo = join(import.meta.dirname, '..', '..');
const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');
/** `--no-anchors`: leave out retext and harper.js (they take tens of seconds on the 186 KB seed). */
const anchors = !process.argv.includes('--no-anchors');
const today = '2026-02-20';

function log(s: string): void {
  if (!json) process.stdout.write(s + '\n');
}

/** The machine's load average (1, 5, 15 minutes), printed beside the figures: others share this machine. */
function load(): string {
  return loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
}

/** The targets, each checked against this run's figures. */
const targets: { name: string; value: string; pass: boolean }[] = [];
function target(name: string, value: number, limit: number, unit: string): void {
  targets.push({ name, value: `${value.toFixed(unit === 'x' ? 2 : 0)} ${unit} (<= ${limit} ${unit})`, pass: value <= limit });
}

/** The seeds: the real agenda packs in ../shared/seeds, else our converted drafts. */
function seedTexts(): { name: string; text: string }[] {
  const shared = join(repo, '..', 'shared', 'seeds');
  if (existsSync(shared)) {
    return readdirSync(shared)
      .sort()
      .map((f) => ({ name: f, text: readFileSync(join(shared, f), 'utf8') }));
  }
  const local = join(repo, 'test', 'seeds');
  return readdirSync(local)
    .filter((f) => f.endsWith('.report.md'))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(local, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '') }));
}

const FRONT = `---
template: leicester-city/executive
committee: Children, Young People and Education Scrutiny Commission
meeting_date: 28 October 2025
lead_director: Laurence Jones, Strategic Director Social Care and Education
wards_affected: All
report_author: Helen Sheppard
author_contact: helen.sheppard@leicester.gov.uk, 0116 454 1170
version: v1
---

`;

function documents(): { name: string; text: string }[] {
  const seeds = seedTexts();
  const largest = seeds.reduce((a, b) => (b.text.length > a.text.length ? b : a));
  let big = '';
  while (big.length < 5_000_000) for (const s of seeds) big += s.text + '\n\n';
  return [
    { name: `seed ${largest.name.slice(0, 3)} (${Math.round(largest.text.length / 1000)} KB agenda pack)`, text: FRONT + largest.text },
    { name: 'all seeds repeated (~5 MB)', text: FRONT + big },
  ];
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Medians of several functions run in turn (a, b, c, a, b, c, ...), so that the ones
 * compared as a ratio see the same state of the machine, rather than one running all its
 * runs before the other (this machine's speed drifts by 10-20% over a minute).
 */
function timeEach(runs: number, fns: (() => unknown)[]): number[] {
  for (const fn of fns) fn(); // warm up
  const xs: number[][] = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < fns.length; k++) {
      const t = performance.now();
      fns[k]!();
      xs[k]!.push(performance.now() - t);
    }
  }
  return xs.map(median);
}

// The prose rules' dictionary, loaded once before the timings (the server loads it after
// its first results; here its load is reported on its own).
installDictionary();
const dictionaryStart = performance.now();
loadDictionary();
log(`English dictionary load (cspell en-GB trie)  ${fmt(performance.now() - dictionaryStart)}   (off the start-to-first-diagnostics path)`);

const profiles = new ProfileRegistry();
const config = defaultConfig(RULES);
const categories = [...new Set(RULES.map((r) => r.category))] as RuleCategory[];

const out: { documents: Record<string, unknown>[] } = { documents: [] };
const docs = documents();
for (const doc of docs) {
  const bytes = Buffer.byteLength(doc.text);
  const runs = quick ? 3 : bytes > 1_000_000 ? 5 : 31;
  const [parseMs, parseFullMs, ourParseMs, checkMs, analyseMs] = timeEach(runs, [
    () => parsePlainMarkdown(doc.text),
    () => parseMarkdown(doc.text),
    () => parseReport(doc.text),
    () => checkReport(doc.text, { today }),
    () => analyseReport(doc.text, profiles, config),
  ]) as [number, number, number, number, number];
  const modelMs = analyseMs - ourParseMs;
  // Each category on a fresh model per run, so the scans that rules cache per model
  // (dates, acronyms, contacts) are paid inside the time.
  const perCategory: Record<string, number[]> = Object.fromEntries(categories.map((c) => [c, []]));
  for (let i = 0; i < runs; i++) {
    const analysis = analyseReport(doc.text, profiles, config);
    for (const c of categories) {
      const rules = RULES.filter((r) => r.category === c);
      const t = performance.now();
      runRules(analysis, rules, { profiles, config, today });
      perCategory[c]!.push(performance.now() - t);
    }
  }
  const rulesMs: Record<string, number> = Object.fromEntries(categories.map((c) => [c, median(perCategory[c]!)]));
  const allRulesMs = Object.values(rulesMs).reduce((a, b) => a + b, 0);
  const edits = editBench(doc.text, quick ? 20 : 100, bytes > 1_000_000 ? (quick ? 2 : 10) : quick ? 5 : 100);
  const entry = {
    name: doc.name,
    bytes,
    runs,
    parseMs: round(parseMs),
    parseGfmFrontmatterMs: round(parseFullMs),
    ourParseMs: round(ourParseMs),
    checkMs: round(checkMs),
    checkToParse: round(checkMs / parseMs, 2),
    checkToParseGfmFrontmatter: round(checkMs / parseFullMs, 2),
    modelMs: round(Math.max(0, modelMs)),
    allRulesMs: round(allRulesMs),
    rulesMs: Object.fromEntries(Object.entries(rulesMs).map(([k, v]) => [k, round(v)])),
    editMedianMs: round(edits.median, 2),
    editP95Ms: round(edits.p95, 2),
    edits: edits.count,
    editHeapGrowthMb: round(edits.heapGrowthMb),
    editAnchors: {
      samples: edits.anchorCount,
      remarkParseMedianMs: round(edits.parseMedian),
      remarkParseP95Ms: round(edits.parseP95),
      markdownlintMedianMs: round(edits.lintMedian),
      markdownlintP95Ms: round(edits.lintP95),
    },
  };
  out.documents.push(entry);
  log(`\n${doc.name}: ${(bytes / 1000).toFixed(0)} KB, median of ${runs} runs`);
  log(`  remark-parse alone            ${fmt(parseMs)}`);
  log(`  remark-parse + GFM + YAML     ${fmt(parseFullMs)}`);
  log(`  our parse (the same tree)     ${fmt(ourParseMs)}   (in chunks, each with only the GFM extensions its text may use)`);
  log(`  full check                    ${fmt(checkMs)}   = ${(checkMs / parseMs).toFixed(2)} x remark-parse, ${(checkMs / parseFullMs).toFixed(2)} x parse+GFM+YAML`);
  log(`  report model + template match ${fmt(Math.max(0, modelMs))}`);
  log(`  one-character edit -> diagnostics (incremental, ${edits.count} edits at random positions):`);
  log(`    ours                        median ${fmt(edits.median)}   p95 ${fmt(edits.p95)}`);
  log(`    live heap growth over the edits  ${edits.heapGrowthMb.toFixed(1).padStart(6)} MB (the session keeps no old versions of the text)`);
  log(`    full re-parse, remark-parse median ${fmt(edits.parseMedian)}   p95 ${fmt(edits.parseP95)}   (${edits.anchorCount} edits; ours is ${(edits.parseMedian / edits.median).toFixed(0)}x faster)`);
  log(`    markdownlint (all rules)    median ${fmt(edits.lintMedian)}   p95 ${fmt(edits.lintP95)}   (${edits.anchorCount} edits; ours is ${(edits.lintMedian / edits.median).toFixed(0)}x faster)`);
  log(`  all rules                     ${fmt(allRulesMs)}   = ${((100 * allRulesMs) / parseFullMs).toFixed(0)}% on top of parse+GFM+YAML`);
  for (const [c, v] of Object.entries(rulesMs)) log(`  rules ${c.padEnd(24)}${fmt(v)}   ${((100 * v) / checkMs).toFixed(1)}% of the check`);
  log(`  load average ${load()}`);
  const large = bytes > 1_000_000;
  target(`${large ? '5 MB' : '186 KB'} edit to diagnostics, median`, edits.median, large ? 50 : 20, 'ms');
  target(`${large ? '5 MB' : '186 KB'} edit to diagnostics, p95`, edits.p95, large ? 150 : 50, 'ms');
  if (!large) {
    target('186 KB full cold check / (remark-parse + GFM + front matter)', checkMs / parseFullMs, 1.3, 'x');
    if (anchors) (entry as Record<string, unknown>).anchors = await proseAnchors(doc.text, checkMs, parseFullMs);
  }
}
// The language server: start to first diagnostics, memory with 50 open 186 KB reports.
const first = docs[0]!;
const server = await serverBench(first.text, { starts: quick ? 2 : 9, documents: 50 });
(out as Record<string, unknown>).server = {
  startToDiagnosticsMs: round(server.startToDiagnosticsMs),
  firstStartToDiagnosticsMs: round(server.firstStartToDiagnosticsMs),
  rssMbWith50Reports: round(server.rssMb),
  idleRssMb: round(server.idleRssMb),
  openAndCheck50Ms: round(server.openAndCheckMs),
};
log(`\nlanguage server (server/out/server.cjs, over IPC):`);
log(`  start to first diagnostics     ${fmt(server.startToDiagnosticsMs)}   (median of ${server.startRuns} starts with the code cache, target <= 500 ms)`);
log(`    the very first start         ${fmt(server.firstStartToDiagnosticsMs)}   (no code cache yet: after installing or updating)`);
log(`  memory with ${server.documents} open ${Math.round(first.text.length / 1000)} KB reports  ${server.rssMb.toFixed(0).padStart(6)} MB RSS (idle ${server.idleRssMb.toFixed(0)} MB; target <= 300 MB)`);
log(`  opening and checking those ${server.documents} reports, one after another  ${(server.openAndCheckMs / 1000).toFixed(1)} s`);
target('start to first diagnostics', server.startToDiagnosticsMs, 500, 'ms');
target(`memory with ${server.documents} open 186 KB reports`, server.rssMb, 300, 'MB');
(out as Record<string, unknown>).targets = targets;
(out as Record<string, unknown>).loadAverage = loadavg();
log(`\ntargets (load average ${load()}):`);
for (const t of targets) log(`  ${t.pass ? 'pass' : 'FAIL'}  ${t.name.padEnd(62)} ${t.value}`);
// check FOLDER over a municipal year (1,000 reports), with markdownlint-cli2 on the same folder.
(out as Record<string, unknown>).folder = await folderBench({ log, quick });
if (json) process.stdout.write(JSON.stringify(out, null, 2) + '\n');

/**
 * Other prose checkers on the same document, beside our full check and the parse: each
 * anchor runs a few times, interleaved with our check and remark-parse + GFM + front
 * matter, so the ratios compare the same state of the machine.
 */
async function proseAnchors(text: string, checkMs: number, parseFullMs: number) {
  const made: ProseAnchor[] = [await retextAnchor(), await harperAnchor()];
  const runs = quick ? 1 : 3;
  const rows: Record<string, unknown>[] = [];
  log(`  prose anchors on the same document (median of ${runs}, each run beside ours; load average ${load()}):`);
  const ours: number[] = [];
  const parse: number[] = [];
  const theirs: number[][] = made.map(() => []);
  const problems: number[] = made.map(() => 0);
  for (let i = 0; i < runs; i++) {
    for (let k = 0; k < made.length; k++) {
      let t = performance.now();
      problems[k] = await made[k]!.check(text);
      theirs[k]!.push(performance.now() - t);
      t = performance.now();
      checkReport(text, { today });
      ours.push(performance.now() - t);
      t = performance.now();
      parseMarkdown(text);
      parse.push(performance.now() - t);
    }
  }
  const oursMs = median(ours);
  const parseMs = median(parse);
  log(`    our full check (every rule)  ${fmt(oursMs)}   (${(oursMs / parseMs).toFixed(2)} x parse+GFM+YAML in these runs; ${checkMs.toFixed(0)} ms above)`);
  log(`    remark-parse + GFM + YAML    ${fmt(parseMs)}   (${parseFullMs.toFixed(0)} ms above)`);
  made.forEach((a, k) => {
    const ms = median(theirs[k]!);
    log(`    ${a.name}\n      ${fmt(ms)}   = ${(ms / oursMs).toFixed(1)} x our check, ${(ms / parseMs).toFixed(1)} x parse+GFM+YAML; ${problems[k]} messages; set-up ${a.setupMs.toFixed(0)} ms`);
    rows.push({ name: a.name, ms: round(ms), toOurCheck: round(ms / oursMs, 2), messages: problems[k], setupMs: round(a.setupMs) });
  });
  return { ourCheckMs: round(oursMs), parseGfmFrontmatterMs: round(parseMs), tools: rows };
}

function percentile(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))]!;
}

/**
 * One-character edits at random positions (seeded), each followed by a check of the
 * whole document through the incremental session, as the language server does. The
 * anchors run a full remark-parse and markdownlint on the same edited texts.
 */
function editBench(text0: string, count: number, anchors: number) {
  let seed = 42;
  const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
  const session = new ReportSession();
  session.check(text0, { today });
  const heapBefore = liveHeapMb();
  let text = text0;
  const ours: number[] = [];
  const positions: number[] = [];
  for (let i = 0; i < count; i++) {
    const pos = Math.floor(rnd() * text.length);
    positions.push(pos);
    text = text.slice(0, pos) + 'x' + text.slice(pos);
    const t = performance.now();
    session.check(text, { today }, { start: pos, oldEnd: pos, newEnd: pos + 1 });
    ours.push(performance.now() - t);
  }
  // What the session keeps after the edits, beyond what it kept after the first check:
  // cached text must not hold old versions of the document.
  text = '';
  const heapGrowthMb = liveHeapMb() - heapBefore;
  // The anchors run on some of the same edited texts (replayed, so none was kept above).
  const texts: string[] = [];
  let replay = text0;
  for (let i = 0; i < count && texts.length < anchors; i++) {
    replay = replay.slice(0, positions[i]!) + 'x' + replay.slice(positions[i]!);
    if (i % Math.max(1, Math.floor(count / anchors)) === 0) texts.push(replay);
  }
  const parse: number[] = [];
  const lint: number[] = [];
  for (const t of texts) {
    let s = performance.now();
    parsePlainMarkdown(t);
    parse.push(performance.now() - s);
    s = performance.now();
    markdownlint({ strings: { doc: t }, config: { default: true } });
    lint.push(performance.now() - s);
  }
  return {
    count,
    heapGrowthMb,
    median: median(ours),
    p95: percentile(ours, 0.95),
    anchorCount: texts.length,
    parseMedian: median(parse),
    parseP95: percentile(parse, 0.95),
    lintMedian: median(lint),
    lintP95: percentile(lint, 0.95),
  };
}

/** Live JS heap after a full collection (needs --expose-gc, as `npm run bench` runs it), else NaN. */
function liveHeapMb(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return NaN;
  gc();
  return process.memoryUsage().heapUsed / 1e6;
}

function round(x: number, d = 1): number {
  const f = 10 ** d;
  return Math.round(x * f) / f;
}
function fmt(ms: number): string {
  return `${ms.toFixed(1).padStart(8)} ms`;
}
