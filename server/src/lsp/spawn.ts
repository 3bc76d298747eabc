import { Worker } from 'node:worker_threads';

/** What every analysis thread is told when it starts. */
export interface WorkerData {
  role: string;
  /** yyyy-mm-dd the date rules check against (COMMITTEE_REPORTS_TODAY, for tests). */
  today?: string;
  /** Give memory back after bursts of work (idle-gc.ts): set for the thread of ordinary reports. */
  collectWhenIdle?: boolean;
}

export function workerDataFor(role: string, collectWhenIdle = false): WorkerData {
  const today = process.env.COMMITTEE_REPORTS_TODAY ?? '';
  return { role, ...(/^\d{4}-\d{2}-\d{2}$/.test(today) ? { today } : {}), ...(collectWhenIdle ? { collectWhenIdle } : {}) };
}

/** Starts an analysis thread running `script` (worker.cjs). */
export function spawnAnalysisThread(script: string, data: WorkerData): Worker {
  return new Worker(script, { workerData: data, stdout: false, stderr: false });
}
