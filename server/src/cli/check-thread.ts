import { join } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { cliCodeCacheDir, loadBundle } from '../node/code-cache.js';

// The entry of a worker thread of `committee-report check` (check-thread.cjs): loads the
// checker (check-worker.cjs, which answers the reports it is sent) with V8's code cache.
// Without a valid cache, the cache is written once the thread has checked a few reports:
// by then it holds the bytecode of nearly every function a check compiles, so that each
// thread of the next run neither parses the 2 MB bundle nor compiles those functions again.

/** Reports checked before the cache is written. */
const WARM_UP = 4;

const bundle = loadBundle(join(__dirname, 'check-worker.cjs'), cliCodeCacheDir());
if (bundle.cache === 'none' || bundle.cache === 'rejected') {
  let seen = 0;
  // Listened to after the checker's own listener: each report is checked before this runs.
  // Written here, not later: a busy thread drains its queue of reports without returning
  // to the event loop, so a callback put off with setImmediate might only run after the
  // last report, when the thread is stopped.
  const count = (): void => {
    if (++seen < WARM_UP) return;
    parentPort!.off('message', count);
    bundle.save();
  };
  parentPort!.on('message', count);
}
