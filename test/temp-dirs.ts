import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Temporary folders for tests, removed when the test process exits (node's test runner
 * runs each file in its own process), so a run of `npm test` leaves nothing in /tmp.
 * Set KEEP_TEST_DIRS=1 to keep them for a post-mortem.
 */
const made: string[] = [];

export function tempDir(prefix = 'committee-report-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  if (made.length === 0 && !process.env.KEEP_TEST_DIRS) process.once('exit', removeTempDirs);
  made.push(dir);
  return dir;
}

/** Removes every folder `tempDir` made so far (also called on exit). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
