import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { appliedFlags, flagsForRun, LONG_RUN } from '../../server/src/cli/jit.js';
import { checkReportFiles } from '../../server/src/cli/check-run.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../server/src/core/workspace.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, tempDir } from './cli-run.js';

test('a short run sets no V8 flags', () => {
  assert.deepEqual(flagsForRun(LONG_RUN - 1, 2, 2), []);
  assert.deepEqual(flagsForRun(1, 8, 2), []);
});

test('a long run raises the interrupt budget, on the calling thread or on workers', () => {
  for (const [threads, cores] of [[1, 2], [1, 1], [2, 2], [2, 4]] as const) {
    assert.ok(flagsForRun(LONG_RUN, threads, cores).includes('--interrupt-budget=1000000'), `${threads} threads on ${cores} cores`);
  }
});

test('young-generation collections stay on their own thread only when the checking threads fill every core', () => {
  const serial = (threads: number, cores: number) => flagsForRun(1000, threads, cores).includes('--no-parallel-scavenge');
  assert.equal(serial(2, 2), true);
  assert.equal(serial(8, 8), true);
  assert.equal(serial(4, 2), true, 'more threads than cores (--concurrency 4)');
  // A core to spare: the helpers of a parallel collection find it free.
  assert.equal(serial(2, 4), false);
  // Checked on the calling thread: the other cores are free.
  assert.equal(serial(1, 2), false);
  assert.equal(serial(1, 1), false);
});

test('a run of reports on worker threads sets the flags for its threads and cores', async () => {
  const dir = tempDir();
  const example = readFileSync(join(repo, 'examples', readdirSync(join(repo, 'examples')).find((f) => f.endsWith('.report.md'))!), 'utf8');
  const files = Array.from({ length: LONG_RUN }, (_, i) => join(dir, `r${String(i).padStart(2, '0')}.report.md`));
  for (const f of files) writeFileSync(f, example);
  assert.deepEqual(appliedFlags(), []);
  const settingsFor = (file: string): WorkspaceSettings => loadWorkspaceSettings(nodeFileSystem, dirname(file));
  const got = await checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency: 2, version: 'test' });
  assert.equal(got.threads, 2);
  assert.deepEqual(appliedFlags(), flagsForRun(LONG_RUN, 2, availableParallelism()));
});
