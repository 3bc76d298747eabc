import { setFlagsFromString } from 'node:v8';

/** From this many reports to check, a run is long enough for the flags below to pay. */
export const LONG_RUN = 24;

/**
 * V8's interrupt budget: how much bytecode a function runs between the profiler's looks
 * at it (default 67,584 in Node 20). Checking a report runs many medium-sized functions
 * (the Markdown tokenizer, the prose scans) with feedback that keeps changing over the
 * first reports; a larger budget lets each gather more before it is optimised, so fewer
 * are optimised early and thrown away again, and fewer are optimised at all (each thread
 * spends seconds of CPU in the optimising compiler over a long run). Measured on `check`,
 * alternating runs on the 2-core machine: 400,000 against the default, 13.6 s CPU against
 * 16.9 over 300 generated reports; then 1,000,000 against 400,000 (2026-12-05, with the
 * code cache), 18.0-19.3 s CPU against 18.9-19.6 over 1,000 reports, 5.3 against 5.8 over
 * 200 and 1.8-1.9 against 1.9-2.0 over 40; 2,000,000 was no better. V8's flags belong to
 * the whole process, so this is set on the main thread before the worker threads start
 * (they read it as they start), and only for long runs: a short run ends before it pays.
 */
const INTERRUPT_BUDGET = 1_000_000;

let applied = false;

/** Sets the flags for a run checking `reports` reports (once per process; a no-op for short runs). */
export function tuneForRun(reports: number): void {
  if (applied || reports < LONG_RUN) return;
  applied = true;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** Whether this process has set the flags of a long run (a code cache written now would not fit a run that has not). */
export function flagsTuned(): boolean {
  return applied;
}
