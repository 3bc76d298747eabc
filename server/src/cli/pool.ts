import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * A worker on `script`. The CLI's own script is bundled JavaScript; under tsx (the tests)
 * it is TypeScript, which a worker of Node 20 cannot load by itself: tsx is registered in
 * the worker first.
 */
function startWorker(script: URL): Worker {
  if (!script.pathname.endsWith('.ts')) return new Worker(script);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`, { eval: true });
}

/**
 * Runs tasks on `size` worker threads started from `script`, each worker taking the next
 * task as soon as it is free. The outcomes come back in the tasks' order, whichever worker
 * ran them and whenever they finished, so the caller's output never depends on timing.
 * A task that throws in a worker, or a worker that dies, fails the whole run. `perWorker`
 * counts the tasks each worker ran.
 */
export function runOnWorkers<T, R>(script: URL, size: number, tasks: readonly T[]): Promise<{ results: R[]; perWorker: number[] }> {
  const results = new Array<R>(tasks.length);
  const perWorker: number[] = [];
  if (tasks.length === 0) return Promise.resolve({ results, perWorker });
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const stop = (): void => {
      for (const w of workers) void w.terminate();
    };
    const fail = (e: unknown): void => {
      if (failed) return;
      failed = true;
      stop();
      reject(e instanceof Error ? e : new Error(String(e)));
    };
    const feed = (w: Worker): void => {
      if (next >= tasks.length) return;
      const id = next++;
      w.postMessage({ id, task: tasks[id] });
    };
    for (let i = 0; i < Math.min(size, tasks.length); i++) {
      const w = startWorker(script);
      const n = workers.push(w) - 1;
      perWorker.push(0);
      w.on('message', (msg: { id: number; outcome?: R; error?: string }) => {
        if (failed) return;
        if (msg.error !== undefined) return fail(new Error(`checking in a worker thread failed: ${msg.error}`));
        results[msg.id] = msg.outcome as R;
        perWorker[n]!++;
        if (++done === tasks.length) {
          stop();
          resolve({ results, perWorker });
        } else feed(w);
      });
      w.on('error', fail);
      w.on('exit', (code) => {
        if (done < tasks.length) fail(new Error(`a worker thread stopped (exit code ${code}) before the check was complete`));
      });
      feed(w);
    }
  });
}
