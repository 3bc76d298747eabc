// A worker for cli-pool.test.ts: answers each task with the order it arrived in; a task
// `{ exit: true }` stops the thread at once; a task `{ hold: true }` is answered only when
// the next task has arrived (a pool that does not send a thread its next task before the
// answer never completes).
import { parentPort } from 'node:worker_threads';

let seen = 0;
let held: { id: number; outcome: unknown }[] = [];
parentPort!.on('message', (msg: { id: number; task: { name: string; exit?: boolean; hold?: boolean } }) => {
  if (msg.task.exit) process.exit(3);
  for (const h of held) parentPort!.postMessage(h);
  held = [];
  const answer = { id: msg.id, outcome: { name: msg.task.name, arrived: seen++ } };
  if (msg.task.hold) held.push(answer);
  else parentPort!.postMessage(answer);
});
