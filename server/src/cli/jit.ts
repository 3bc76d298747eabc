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
 * 200 and 1.8-1.9 against 1.9-2.0 over 40; 2,000,000 was no better.
 */
const INTERRUPT_BUDGET = 1_000_000;

/**
 * The flags for a run checking `reports` reports on `threads` worker threads (0 or 1: on
 * the calling thread) with `cores` cores. A short run sets none: it ends before they pay.
 *
 * When the threads fill every core, young-generation collections run on the thread that
 * needs them alone (`--no-parallel-scavenge`): a parallel scavenge hands work to V8's
 * helper threads, which then wait for a core that another checking thread holds, and the
 * thread that asked waits for them. A thread allocates about 8 MB for each report it
 * checks (mostly the Markdown parser's tokens), so it collects every few reports. Measured
 * 2026-12-05 on the 2-core machine over 1,000 reports, alternating: 9.46 s against 9.75 s
 * (mean of 4), and by `--single-threaded-gc` (which Node accepts only at start-up) 9.27
 * against 9.86 s. The flag is read at each collection, so it may change as the process runs.
 */
export function flagsForRun(reports: number, threads: number, cores: number): string[] {
  if (reports < LONG_RUN) return [];
  const flags = [`--interrupt-budget=${INTERRUPT_BUDGET}`];
  if (threads > 1 && threads >= cores) flags.push('--no-parallel-scavenge');
  return flags;
}

let applied: readonly string[] = [];

/**
 * Sets the flags of `flagsForRun` (once per process). V8's flags belong to the whole
 * process, so they are set on the main thread before the worker threads start (they read
 * them as they start).
 */
export function tuneForRun(reports: number, threads: number, cores: number): void {
  if (applied.length > 0) return;
  applied = flagsForRun(reports, threads, cores);
  for (const flag of applied) setFlagsFromString(flag);
}

/** The flags this process has set for a long run (none: a code cache written now fits a run that sets none). */
export function appliedFlags(): readonly string[] {
  return applied;
}
