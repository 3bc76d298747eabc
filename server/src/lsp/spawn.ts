import { Worker } from 'node:worker_threads';

/** What every analysis thread is told when it starts. */
export interface WorkerData {
  role: string;
  /** yyyy-mm-dd the date rules check against (COMMITTEE_REPORTS_TODAY, for tests). */
  today?: string;
  /** Give memory back after bursts of work (idle-gc.ts). */
  collectWhenIdle?: boolean;
  /** Directory for V8's code cache of the analysis bundle (code-cache.ts); none: no cache. */
  codeCache?: string;
}

/** The thread that checks ordinary reports and answers the editor's features on them. */
export const CHECKS_LANE = 'checks';

/**
 * The data of a thread by its role. The checking thread collects when idle: it holds many
 * documents and goes quiet between bursts. The thread for very large drafts does not: a
 * full collection of its heap would stall the next check of the draft being typed in.
 */
export function workerDataFor(role: string): WorkerData {
  const today = process.env.COMMITTEE_REPORTS_TODAY ?? '';
  const codeCache = process.env.COMMITTEE_REPORTS_CODE_CACHE;
  return {
    role,
    ...(/^\d{4}-\d{2}-\d{2}$/.test(today) ? { today } : {}),
    ...(role === CHECKS_LANE ? { collectWhenIdle: true } : {}),
    ...(codeCache ? { codeCache } : {}),
  };
}

/** Starts an analysis thread running `script` (thread.cjs). */
export function spawnAnalysisThread(script: string, data: WorkerData): Worker {
  return new Worker(script, { workerData: data, stdout: false, stderr: false });
}
