import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerPool } from '../../server/src/cli/pool.js';

const script = new URL('./cli-pool-worker.ts', import.meta.url);

test('the pool hands the tasks out in the order asked (the largest first) and gives the outcomes back in the tasks\' order', async () => {
  const pool = new WorkerPool(script, 1);
  const tasks = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
  const { results, perWorker } = await pool.run<{ name: string }, { name: string; arrived: number }>(tasks, [2, 0, 3, 1]);
  assert.deepEqual(results.map((r) => r.name), ['a', 'b', 'c', 'd']);
  assert.deepEqual(results.map((r) => r.arrived), [1, 3, 0, 2]);
  assert.deepEqual(perWorker, [4]);
});

test('a pool started early runs on every thread, and stops the threads it has no work for', async () => {
  const pool = new WorkerPool(script, 3);
  const { perWorker } = await pool.run<{ name: string }, unknown>([{ name: 'a' }, { name: 'b' }]);
  assert.equal(perWorker.length, 2);
  assert.equal(perWorker.reduce((a, b) => a + b), 2);
});

test('a thread that stops fails the run instead of leaving it waiting', async () => {
  const pool = new WorkerPool(script, 2);
  await assert.rejects(pool.run([{ name: 'a' }, { name: 'b', exit: true }, { name: 'c' }]), /worker thread stopped/);
});

test('a thread is sent its next task before it answers the one it runs, so it never waits for it', { timeout: 60_000 }, async () => {
  // A held task is answered only once the thread has its next one: without that second
  // task in flight, this run would never complete.
  const pool = new WorkerPool(script, 1);
  const tasks = [{ name: 'a', hold: true }, { name: 'b', hold: true }, { name: 'c', hold: true }, { name: 'd' }];
  const { results, perWorker } = await pool.run<{ name: string; hold?: boolean }, { name: string; arrived: number }>(tasks);
  assert.deepEqual(results.map((r) => r.name), ['a', 'b', 'c', 'd']);
  assert.deepEqual(results.map((r) => r.arrived), [0, 1, 2, 3]);
  assert.deepEqual(perWorker, [4]);
});
