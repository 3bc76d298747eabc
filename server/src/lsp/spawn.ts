import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Lets Node keep V8's compiled code for our bundles on disk (Node 22.1 and later; the
 * editor's Node), so later starts skip compiling them. Older Nodes start as before.
 */
export function enableCompileCache(): void {
  const mod = createRequire(__filename)('node:module') as { enableCompileCache?: () => unknown };
  try {
    mod.enableCompileCache?.();
  } catch {
    // A read-only temp folder only costs the cache.
  }
}

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

/**
 * Starts an analysis thread running `script`. A one-line entry turns the compile cache on
 * in the thread before the bundle is read, so the bundle's code is cached too.
 */
export function spawnAnalysisThread(script: string, data: WorkerData): Worker {
  const entry = `require('node:module').enableCompileCache?.(); require(${JSON.stringify(script)});`;
  return new Worker(entry, { eval: true, workerData: data, stdout: false, stderr: false });
}
