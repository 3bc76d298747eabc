// A worker for cli-pool.test.ts: answers each task with the order it arrived in; a task
// `{ exit: true }` stops the thread at once.
import { parentPort } from 'node:worker_threads';

let seen = 0;
parentPort!.on('message', (msg: { id: number; task: { name: string; exit?: boolean } }) => {
  if (msg.task.exit) process.exit(3);
  parentPort!.postMessage({ id: msg.id, outcome: { name: msg.task.name, arrived: seen++ } });
});
