// The analysis bundle (worker.cjs), loaded and started by thread.cjs (thread-main.ts).
export { runWorker } from './worker.js';
