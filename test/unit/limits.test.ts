import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Parents, PhrasingContent, Root } from 'mdast';
import { walkTree } from '../../server/src/core/walk.js';
import { phrasingText } from '../../server/src/core/model.js';
import { checkReport } from '../../server/src/core/check.js';
import { ReportSession } from '../../server/src/core/session.js';
import { parseMarkdown } from '../../server/src/core/parse.js';
import { parseReport } from '../../server/src/core/incremental.js';
import { maskSegment } from '../../server/src/core/acronyms/scan.js';
import { readConfig } from '../../server/src/core/config.js';
import { readProfileFile } from '../../server/src/core/templates/loader.js';
import { loadWorkspaceSettings } from '../../server/src/core/workspace.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { RULES, ruleById } from '../../server/src/core/rules/index.js';
import { defineRule } from '../../server/src/core/rules/define.js';
import { main } from '../../server/src/cli/main.js';
import { findParseLimits, limitForParse, MAX_EMPHASIS_RUNS } from '../../server/src/core/limits.js';
import { tempDir } from '../temp-dirs.js';

/**
 * Hostile drafts and files: never a crash, never a silent failure, never a hang, and a
 * finding that says where a limit applied. (Time is never asserted: the inputs are sized
 * so that the old super-linear code would not finish inside the hang guard by a wide margin.)
 */
const repo = join(import.meta.dirname, '..', '..');
const example = readFileSync(join(repo, 'examples', 'leicester-city-executive.report.md'), 'utf8');
const frontMatter = example.slice(0, example.indexOf('---', 4) + 4) + '\n';
const today = '2026-02-20';
const HANG_GUARD = { timeout: 60_000 };

function depth(node: Nodes): number {
  let max = 0;
  const stack: [Nodes, number][] = [[node, 1]];
  while (stack.length > 0) {
    const [n, d] = stack.pop()!;
    max = Math.max(max, d);
    for (const c of (n as Parents).children ?? []) stack.push([c as Nodes, d + 1]);
  }
  return max;
}

function ids(findings: { ruleId: string }[]): string[] {
  return findings.map((f) => f.ruleId);
}

test('3,000 nested list markers before a www address: no crash, a finding that the nesting was cut', HANG_GUARD, () => {
  const text = frontMatter + '* '.repeat(3000) + 'www.example.com\n';
  const r = checkReport(text, { today });
  assert.deepEqual(r.ruleErrors, []);
  const limit = r.findings.filter((f) => f.ruleId === 'structure/beyond-limits');
  assert.equal(limit.length, 1);
  assert.equal(limit[0]!.range.start.line, frontMatter.split('\n').length - 1);
  assert.match(limit[0]!.message, /nests lists or quotes 6000 columns deep, past the 100/);
  // The tree is as deep as the limit allows, whole parse and chunked parse alike.
  assert.ok(depth(parseMarkdown(text)) < 110, String(depth(parseMarkdown(text))));
  assert.deepEqual(parseReport(text), parseMarkdown(text));
});

test('5,000 nested quotes: every rule runs, its findings are kept', HANG_GUARD, () => {
  // An impossible date, an e-mail address and an empty link deep inside the quotes.
  const text = frontMatter + '> '.repeat(5000) + 'On 31 February 2026 write to clerk@leicester.gov.uk or see [the plan]().\n';
  const r = checkReport(text, { today });
  assert.deepEqual(r.ruleErrors, []);
  assert.ok(ids(r.findings).includes('structure/beyond-limits'));
  // Past the limit the markers are spaces: the rest of the line is read as text (or code).
  const session = new ReportSession();
  assert.deepEqual(ids(session.check(text, { today }).findings), ids(r.findings));
});

test('walks do not recurse on depth: a tree 100,000 deep is walked and its text read', () => {
  // The parser itself is slow on deep emphasis (see the report), so the tree is built here.
  let node: PhrasingContent = { type: 'text', value: 'On 31 February 2026' };
  for (let i = 0; i < 100_000; i++) node = { type: i % 2 ? 'emphasis' : 'strong', children: [node] };
  const root: Root = { type: 'root', children: [{ type: 'paragraph', children: [node] }] };
  let seen = 0;
  walkTree<number>(root, 0, (n, d) => {
    seen++;
    return n.type === 'text' ? false : d + 1;
  });
  assert.equal(seen, 100_003);
  assert.equal(phrasingText([node]), 'On 31 February 2026');
});

test('a rule that throws is reported on line 1, by name; the others still run', () => {
  const broken = defineRule({
    id: 'date/broken-for-test',
    title: 'Throws',
    defaultSeverity: 'info',
    fixable: false,
    needsProfile: false,
    docs: { why: '', bad: '', good: '' },
    check() {
      throw new RangeError('Maximum call stack size exceeded');
    },
  });
  const r = checkReport(example.replace('## 1.', '## 1. <!-- committee-report-disable-file -->\n\n## 1.'), { today, rules: [...RULES, broken] });
  assert.deepEqual(ids(r.ruleErrors), ['date/broken-for-test']);
  const f = r.findings.filter((x) => x.ruleId === 'date/broken-for-test');
  assert.equal(f.length, 1, 'reported even where every finding is suppressed');
  assert.equal(f[0]!.severity, 'error');
  assert.deepEqual(f[0]!.range.start, { line: 0, character: 0 });
  assert.match(f[0]!.message, /the rule date\/broken-for-test failed on this report \(RangeError: Maximum call stack size exceeded\)/);
});

test('the command line exits 2 when a rule fails, after printing every file', async () => {
  const dir = tempDir('committee-report-limits-');
  writeFileSync(join(dir, 'a.report.md'), example);
  writeFileSync(join(dir, 'b.report.md'), example);
  const rule = ruleById('date/house-style')!;
  const check = rule.check;
  const write = process.stdout.write;
  let out = '';
  rule.check = () => {
    throw new Error('boom');
  };
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  try {
    assert.equal(await main(['check', '--today', today, '--format', 'json', dir]), 2);
  } finally {
    rule.check = check;
    process.stdout.write = write;
  }
  const json = JSON.parse(out) as { file: string; ruleId: string; message: string }[];
  const failed = json.filter((x) => x.ruleId === 'date/house-style');
  assert.equal(failed.length, 2, out.slice(0, 500));
  assert.match(failed[0]!.message, /failed on this report \(Error: boom\)/);
});

test('an e-mail mask over a long word and an @ does not backtrack (mask unchanged on ordinary text)', HANG_GUARD, () => {
  // 300 KB: the old mask rescanned the word from each of its characters.
  const word = 'a.'.repeat(150_000);
  const masked = maskSegment(word + '@ and ' + 'x'.repeat(100) + ' @');
  assert.equal(masked.length, word.length + 108);
  assert.equal(maskSegment('Write to clerk.one@leicester.gov.uk, www.leicester.gov.uk or <b>a</b> [x](y).'), 'Write to                           ,                      or    a     [x]   .');
  assert.equal(maskSegment('x.'.repeat(100_000) + 'x'), 'x.'.repeat(100_000) + 'x');
  assert.equal(maskSegment('<'.repeat(100_000)), '<'.repeat(100_000));
  assert.equal(maskSegment('](('.repeat(50_000)), '](('.repeat(50_000));
});

test('a paragraph of 100 KB with a long word and an @ is checked', HANG_GUARD, () => {
  const text = example.replace('## 1.', 'x'.repeat(100_000) + ' @ ' + 'a.'.repeat(50_000) + '@\n\n## 1.');
  assert.deepEqual(checkReport(text, { today }).ruleErrors, []);
});

test('2,000-deep list markers and a 1,000 x 50 table: parsed within the limits, each said so', HANG_GUARD, () => {
  const lists = frontMatter + Array.from({ length: 2000 }, (_, i) => '  '.repeat(Math.min(i, 60)) + '- item').join('\n') + '\n';
  assert.ok(depth(parseMarkdown(lists)) < 120);
  const table = frontMatter + '\n|' + ' a |'.repeat(50) + '\n|' + ' - |'.repeat(50) + '\n' + Array.from({ length: 1000 }, () => '|' + ' b |'.repeat(50)).join('\n') + '\n';
  const tree = parseMarkdown(table);
  assert.ok(!tree.children.some((n) => n.type === 'table'), 'read as plain text');
  const r = checkReport(table, { today });
  const limit = r.findings.filter((f) => f.ruleId === 'structure/beyond-limits');
  assert.equal(limit.length, 1);
  assert.match(limit[0]!.message, /about 50050 cells, more than the 2000/);
  // A later delimiter row inside the long table does not start a table of the rest.
  const again = table.replace(/(\n\|( b \|)+){500}/, (m) => m + '\n|' + ' - |'.repeat(50));
  assert.ok(!parseMarkdown(again).children.some((n) => n.type === 'table'));
});

test('2,000 levels of nested emphasis: the runs past the limit are plain text, the tree stays shallow, and it is said', HANG_GUARD, () => {
  const kinds: [string, (n: number) => string, number][] = [
    ['words', (n) => '**a '.repeat(n) + 'x' + ' b**'.repeat(n), 4000],
    ['alternating', (n) => '*_'.repeat(n) + 'x' + '_*'.repeat(n), 8000],
    ['underscores', (n) => '_a '.repeat(n) + 'x' + ' b_'.repeat(n), 4000],
    ['strikethrough', (n) => '~a '.repeat(n) + 'x' + ' b~'.repeat(n), 4000],
  ];
  for (const [name, make, runs] of kinds) {
    const text = frontMatter + 'Intro.\n\n' + make(2000) + '\n\nAfter.\n';
    // Each pair of runs read is one level at most: 200 runs, 100 levels.
    const d = depth(parseMarkdown(text));
    assert.ok(d < MAX_EMPHASIS_RUNS / 2 + 10, `${name}: depth ${d}`);
    assert.deepEqual(parseReport(text), parseMarkdown(text), name);
    const r = checkReport(text, { today });
    assert.deepEqual(r.ruleErrors, [], name);
    const limit = r.findings.filter((f) => f.ruleId === 'structure/beyond-limits');
    assert.equal(limit.length, 1, name);
    assert.equal(limit[0]!.range.start.line, frontMatter.split('\n').length + 1, name);
    assert.match(limit[0]!.message, new RegExp(`paragraph has ${runs} runs of emphasis markers`), name);
  }
  // The count starts again after a blank line and skips fenced code; an ordinary paragraph keeps its emphasis.
  const ordinary = '**Bold** and _em_ and ~~gone~~ '.repeat(3);
  const code = '```\n' + 'a * b _ c ~ '.repeat(300) + '\n```\n';
  const fine = frontMatter + (ordinary + '\n\n').repeat(100) + code;
  assert.deepEqual(findParseLimits(fine), []);
  assert.equal(limitForParse(fine), fine);
});

test('billion-laughs aliases in a config or a profile: a config problem, not a throw', () => {
  const lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 10; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill('*' + String.fromCharCode(96 + i)).join(',')}]`);
  const laughs = lines.join('\n') + '\n';
  const c = readConfig(laughs + 'rules: {}\n', RULES);
  assert.equal(c.problems.length, 1);
  assert.match(c.problems[0]!.message, /Excessive alias count/);
  const p = readProfileFile(laughs + 'id: x/y\n', () => undefined);
  assert.equal(p.profile, undefined);
  assert.match(p.problems[0]!.message, /Excessive alias count/);
});

test('an invalid dateStyle in a profile: a problem at dateStyle, and checks run without error', () => {
  const dir = tempDir('committee-report-limits-');
  writeFileSync(join(dir, '.committee-reports.yaml'), 'profiles: [house.profile.yaml]\n');
  writeFileSync(join(dir, 'house.profile.yaml'), 'id: house/exec\nextends: leicester-city/executive\nname: House\ndateStyle: "do of the month"\n');
  const settings = loadWorkspaceSettings(nodeFileSystem, dir);
  const problems = settings.problems.flatMap((p) => p.problems);
  assert.deepEqual(
    problems.map((p) => p.path),
    ['dateStyle'],
  );
  assert.equal(problems[0]!.range.start.line, 3);
  const r = checkReport(example.replace('template: leicester-city/executive', 'template: house/exec'), { today, profiles: settings.profiles, config: settings.config });
  assert.deepEqual(r.ruleErrors, []);
});

test('files too big: a report over 10 million characters and a config over 1 million are refused at once', async () => {
  const big = 'x'.repeat(10_000_001);
  const r = checkReport(big, { today });
  assert.deepEqual(ids(r.findings), ['structure/beyond-limits']);
  assert.match(r.findings[0]!.message, /too large to check \(10\.0 million characters; the limit is 10\.0 million\)/);
  assert.deepEqual(ids(new ReportSession().check(big, { today }).findings), ['structure/beyond-limits']);
  const c = readConfig(' '.repeat(1_000_001), RULES);
  assert.match(c.problems[0]!.message, /too large to read/);
  // The command line does not read such a file: a 200 MB sparse file is answered at once.
  const dir = tempDir('committee-report-limits-');
  const file = join(dir, 'huge.report.md');
  writeFileSync(file, '');
  truncateSync(file, 200_000_000);
  writeFileSync(join(dir, 'ok.report.md'), readFileSync(join(repo, 'examples', 'typical-mistakes.report.md'), 'utf8'));
  const write = process.stdout.write;
  let out = '';
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  let code;
  try {
    code = await main(['check', '--today', today, '--format', 'json', dir]);
  } finally {
    process.stdout.write = write;
  }
  assert.equal(code, 1);
  const json = JSON.parse(out) as { file: string; ruleId: string; message: string }[];
  const huge = json.filter((f) => f.file.endsWith('huge.report.md'));
  assert.deepEqual(ids(huge), ['structure/beyond-limits']);
  assert.match(huge[0]!.message, /too large to check \(200\.0 million/);
  assert.ok(json.some((f) => f.file.endsWith('ok.report.md')), 'the other file is checked too');
});
