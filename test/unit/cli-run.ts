import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { tempDir as makeTempDir } from '../temp-dirs.js';

/** Runs the built `committee-report` command (npm run build first: `npm test` does). */
export const repo = join(import.meta.dirname, '..', '..');
export const bin = join(repo, 'bin', 'committee-report.js');

export function run(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A temporary folder, removed when the test file's process exits. */
export function tempDir(): string {
  return makeTempDir('committee-report-cli-');
}
