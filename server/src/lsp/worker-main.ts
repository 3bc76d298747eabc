import { runWorker } from './worker.js';

// The entry of an analysis thread (worker.cjs); see main.ts.
runWorker();
