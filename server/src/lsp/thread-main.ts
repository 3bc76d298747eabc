import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { workerData } from 'node:worker_threads';
import { loadBundle } from './code-cache.js';
import type { WorkerData } from './spawn.js';
import type * as Worker from './worker.js';

// The entry of an analysis thread (thread.cjs): loads the analysis bundle (worker.cjs)
// with V8's code cache (code-cache.ts) and runs it.
const data = workerData as WorkerData;
// V8 keys a code cache to its flags: set them before loading, so the cache written after
// they were set still fits the next start. The idle collector needs gc() (idle-gc.ts).
setFlagsFromString('--expose-gc');
// A regular expression is first run by V8's interpreter and compiled to machine code only
// when it runs again; a first check runs hundreds of them, each over the whole report,
// once or a few times: compiled at once, that check cost the thread 7-47 ms less CPU in
// three paired runs (medians of 7-13 starts on the 186 KB seed, on a loaded machine,
// 2026-12-04: 381 -> 334, 344 -> 337, 343 -> 325 ms). Later checks run compiled code
// either way.
setFlagsFromString('--no-regexp-tier-up');
const bundle = loadBundle(join(__dirname, 'worker.cjs'), data.codeCache);
(bundle.exports as typeof Worker).runWorker({ afterFirstCheck: () => bundle.save(), codeCache: bundle.cache });
