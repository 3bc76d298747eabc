import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { ROOT } from './lsp-client.js';
import { CHECKS_LANE, spawnAnalysisThread, workerDataFor } from '../../server/src/lsp/spawn.js';
import { readSettings, type FirstCheckCost } from '../../server/src/lsp/protocol.js';
import type { FromWorker, ToWorker } from '../../server/src/lsp/pool.js';

/**
 * The server asks a checking thread for the problems of the config files when the folders
 * and the first report open, before it asks for the report's first check, while the
 * thread is still loading. Shown by the order the thread starts its jobs in, never by
 * time: the first check goes before config reads queued ahead of it; everything else keeps
 * its order, and the config reads still answer.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');

async function runJobs(kinds: string[]): Promise<{ started: string[]; results: Map<number, unknown>; cost: FirstCheckCost | undefined }> {
  const folder = mkdtempSync(join(tmpdir(), 'cr-lsp-first-'));
  // A config file with a problem, so a config read has something to answer.
  writeFileSync(join(folder, '.committee-reports.json'), '{ "rules": { "structure/no-such-rule": "off" } }');
  const uri = pathToFileURL(join(folder, 'a.report.md')).href;
  const worker: Worker = spawnAnalysisThread(join(ROOT, 'server', 'out', 'thread.cjs'), workerDataFor(CHECKS_LANE));
  const started: string[] = [];
  const results = new Map<number, unknown>();
  let cost: FirstCheckCost | undefined;
  try {
    const settings = readSettings({});
    const params = (kind: string): unknown => (kind === 'configProblems' ? { dirs: [folder] } : { uri, settings, early: true });
    const done = new Promise<void>((resolve, reject) => {
      worker.on('error', reject);
      worker.on('message', (m: FromWorker) => {
        if (m.type === 'started') started.push(`${kinds[m.id - 1]}#${m.id}`);
        if (m.type === 'firstCheck') cost = m.cost;
        if (m.type === 'result') {
          if (m.error) reject(new Error(m.error));
          results.set(m.id, m.value);
          if (results.size === kinds.length) resolve();
        }
      });
    });
    // All posted at once, as the server does while the thread loads its bundle.
    const post = (m: ToWorker): void => worker.postMessage(m);
    post({ type: 'folders', folders: [pathToFileURL(folder).href] });
    post({ type: 'open', uri, languageId: 'committee-report', version: 1, text: GOOD });
    kinds.forEach((kind, i) => post({ type: 'job', id: i + 1, kind, params: params(kind) }));
    await done;
    return { started, results, cost };
  } finally {
    await worker.terminate();
    rmSync(folder, { recursive: true, force: true });
  }
}

test("a checking thread's first check goes before the config reads queued ahead of it; later jobs keep their order", { timeout: 120_000 }, async () => {
  const { started, results, cost } = await runJobs(['configProblems', 'configProblems', 'check', 'configProblems', 'check']);
  assert.deepEqual(started, ['check#3', 'configProblems#1', 'configProblems#2', 'configProblems#4', 'check#5']);
  assert.deepEqual(cost?.jobsBefore, []);
  // The config reads still answer, with the config file's problem.
  for (const id of [1, 2, 4]) {
    const r = results.get(id) as { problems: [string, { message: string }[]][] };
    assert.equal(r.problems.length, 1, JSON.stringify(r));
    assert.match(r.problems[0]![1][0]!.message, /no-such-rule/);
  }
});

test('only config reads are passed: a first check behind another job waits for it', { timeout: 120_000 }, async () => {
  const { started, cost } = await runJobs(['configProblems', 'symbols', 'check']);
  assert.deepEqual(started, ['configProblems#1', 'symbols#2', 'check#3']);
  assert.deepEqual(cost?.jobsBefore, ['configProblems', 'symbols']);
});
