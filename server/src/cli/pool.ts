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

/** Tasks sent to a thread before it has answered: the one it runs and the next. */
const IN_FLIGHT = 2;

/**
 * Worker threads started from `script` now, to be given tasks later (`run`, once): a caller
 * starts them before it reads the reports, so that each thread loads its code and its
 * dictionary meanwhile. `close` stops threads that were never given work.
 */
export class WorkerPool {
  private readonly workers: Worker[];
  /** Threads that failed or stopped before `run`, with why. */
  private readonly lost = new Map<Worker, string>();

  constructor(
    script: URL,
    readonly size: number,
  ) {
    this.workers = Array.from({ length: size }, () => startWorker(script));
    // Until `run`, a thread that fails is remembered; `run` then fails.
    for (const w of this.workers) {
      w.on('error', (e) => this.lost.set(w, e instanceof Error ? e.message : String(e)));
      w.on('exit', (code) => {
        if (!this.lost.has(w)) this.lost.set(w, `exit code ${code}`);
      });
    }
  }

  close(): void {
    for (const w of this.workers) void w.terminate();
  }

  /**
   * Runs tasks on the threads, each holding the next task before it is free: a thread is
   * sent two tasks at the start and one more with each answer, so it never waits idle for
   * the main thread to post (and copy) its next report. The
   * outcomes come back in the tasks' order, whichever thread ran them and whenever they
   * finished, so the caller's output never depends on timing. `order`: the order in which
   * the tasks are handed out (the largest first, so that no thread is left with a large
   * one at the end). A task that throws in a worker, or a worker that dies, fails the
   * whole run. `perWorker` counts the tasks each thread ran. The threads are stopped at
   * the end, threads beyond the number of tasks at once.
   */
  run<T, R>(tasks: readonly T[], order?: readonly number[]): Promise<{ results: R[]; perWorker: number[] }> {
    const results = new Array<R>(tasks.length);
    const perWorker: number[] = [];
    const used = this.workers.slice(0, Math.min(this.size, tasks.length));
    for (const w of this.workers.slice(used.length)) void w.terminate();
    if (tasks.length === 0) return Promise.resolve({ results, perWorker });
    const gone = used.find((w) => this.lost.has(w));
    if (gone) {
      this.close();
      return Promise.reject(new Error(`a worker thread stopped (${this.lost.get(gone)}) before the check was complete`));
    }
    const queue = order ?? tasks.map((_, i) => i);
    return new Promise((resolve, reject) => {
      let next = 0;
      let done = 0;
      let failed = false;
      const stop = (): void => {
        for (const w of used) void w.terminate();
      };
      const fail = (e: unknown): void => {
        if (failed) return;
        failed = true;
        stop();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      const feed = (w: Worker): void => {
        if (next >= queue.length) return;
        const id = queue[next++]!;
        w.postMessage({ id, task: tasks[id] });
      };
      used.forEach((w, n) => {
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
      });
      // Each thread's first task, then its second (queued in the thread while it checks the first).
      for (let k = 0; k < IN_FLIGHT; k++) for (const w of used) feed(w);
    });
  }
}
