import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { THREAD_FLAGS } from '../../server/src/lsp/thread-flags.js';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, ROOT } from './lsp-client.js';
import type { Stats } from '../../server/src/lsp/protocol.js';

/**
 * The way to a fresh server's first diagnostics, kept short without timing anything: the
 * checking thread answers its first check before it has loaded the dictionary's reader
 * (node/dictionary.ts, with cspell-trie-lib and zlib) and without validating any profile
 * with zod (the built-ins are validated by `npm run generate`). The server's stats say
 * what the thread had done when it answered (lsp/worker.ts).
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
// A heading slip (structure) and a misspelt word (prose: needs the dictionary).
const TEXT = GOOD.replace('## 1. Summary', '## 1 summary').replace('piloted in the south cluster', 'piloted in the south clustre');
const category = (d: Diagnostic): string => String(d.code).split('/')[0]!;

test('the first diagnostics come before the dictionary reader is loaded and without validating a built-in profile; the full set follows', { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-start-'));
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT);
    const refreshes = client.refreshes;
    const first = await client.diagnostics(uri);
    assert.ok(first.some((d) => category(d) === 'structure'), 'the first results have the structure findings');
    assert.ok(!first.some((d) => category(d) === 'prose'));
    const stats = await client.request<Stats>('committeeReports/stats', {});
    // Nor had it built the profile schemas or the prose rules' patterns (made on first use).
    // (Which jobs went before the check depends on when the thread had loaded: first-check.test.ts.)
    const { jobsBefore, ...cost } = stats.firstCheck ?? { jobsBefore: [] };
    assert.ok(jobsBefore.every((k) => k === 'configProblems'), jobsBefore.join(' '));
    assert.deepEqual(cost, { dictionaryInstalled: false, dictionaryLoads: 0, profileValidations: 0, profileSchemaBuilds: 0, bodyTableBuilds: 0 });
    // The reader is imported after that answer, and the dictionary it reads gives the prose findings.
    await client.waitForRefresh(refreshes);
    const full = await client.diagnostics(uri);
    assert.ok(full.some((d) => category(d) === 'prose' && String(d.message).includes('clustre')), 'the full set has the spelling finding');
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

test("a workspace's own profile is still validated (and counted) before the first diagnostics", { timeout: 120_000 }, async () => {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-start-'));
  mkdirSync(join(folder, 'templates'));
  writeFileSync(join(folder, '.committee-reports.json'), '{ "profiles": ["templates/ours.yaml"] }');
  writeFileSync(join(folder, 'templates', 'ours.yaml'), 'id: our-council/executive\nextends: leicester-city/executive\ncouncil: Our Council\n');
  const client = await new TestClient({ folders: [folder] }).start();
  try {
    const uri = pathToFileURL(join(folder, 'a.report.md')).href;
    await client.open(uri, TEXT.replace('template: leicester-city/executive', 'template: our-council/executive'));
    await client.diagnostics(uri);
    const stats = await client.request<Stats>('committeeReports/stats', {});
    assert.equal(stats.firstCheck?.profileValidations, 1);
    assert.equal(stats.firstCheck?.profileSchemaBuilds, 1);
    assert.equal(stats.firstCheck?.dictionaryInstalled, false);
  } finally {
    await client.stop();
    rmSync(folder, { recursive: true, force: true });
  }
});

/**
 * Functions V8 optimised with TurboFan in a fresh process running a checking thread's
 * first check (the rules before the dictionary, in a session) of a seed, with `flags`.
 */
function optimisedInFirstCheck(flags: readonly string[]): number {
  const url = (f: string): string => pathToFileURL(join(ROOT, f)).href;
  const script = `
    const { readFileSync } = await import('node:fs');
    const { ReportSession } = await import(${JSON.stringify(url('server/src/core/session.ts'))});
    const { BEFORE_DICTIONARY } = await import(${JSON.stringify(url('server/src/lsp/stages.ts'))});
    const text = readFileSync(${JSON.stringify(join(ROOT, 'test', 'seeds', 'c4-hnb-recovery-plan-2024.report.md'))}, 'utf8');
    new ReportSession().check(text, { rules: BEFORE_DICTIONARY, today: '2026-02-20' });`;
  const out = execFileSync(process.execPath, ['--import', 'tsx', '--trace-opt', ...flags, '--input-type=module', '--eval', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  // "[completed optimizing 0x... <JSFunction ...> (target TURBOFAN) ...]" (newer V8: "compiling").
  return out.split('\n').filter((l) => /^\[completed (?:optimizing|compiling)\b.*TURBOFAN/.test(l)).length;
}

test("the checking thread's V8 flags spare its first check most of V8's optimising compiles", { timeout: 120_000 }, () => {
  // V8 optimises a function after a set amount of bytecode; a first check optimised the
  // tokenizer's and the rules' functions while their feedback still changed, then again:
  // compiles on V8's background threads that took a core from the start (thread-flags.ts).
  const defaults = optimisedInFirstCheck([]);
  const ours = optimisedInFirstCheck(THREAD_FLAGS);
  assert.ok(defaults >= 30, `V8 optimised ${defaults} functions with its defaults`);
  assert.ok(ours <= defaults * 0.6, `${ours} optimised with the thread's flags, ${defaults} with V8's defaults`);
});
