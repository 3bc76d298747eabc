import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { loadBundle } from '../node/code-cache.js';
import type { WorkerData } from './spawn.js';
import { THREAD_FLAGS } from './thread-flags.js';
import type * as Worker from './worker.js';

// The entry of an analysis thread (thread.cjs): loads the analysis bundle (worker.cjs)
// with V8's code cache (code-cache.ts) and runs it.
const data = workerData as WorkerData;
// V8 keys a code cache to its flags: set them before loading (thread-flags.ts).
for (const flag of THREAD_FLAGS) setFlagsFromString(flag);
const bundle = loadBundle(join(__dirname, 'worker.cjs'), data.codeCache);
(bundle.exports as typeof Worker).runWorker({ afterFirstCheck: () => bundle.save(), codeCache: bundle.cache });
