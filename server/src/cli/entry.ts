import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cacheFile } from './cache.js';
import { replayRun, runConditions } from './run-record.js';
import type * as Main from './main.js';

// The entry of the `committee-report` command (server/out/cli.cjs), kept small: a
// `check --cache` whose last run still stands (run-record.ts) is answered from its record
// without loading the checker; everything else loads the CLI (cli-main.cjs) and runs it.

/** What the last call did (for the tests). */
export const stats = { replayed: false };

export function main(argv: string[], cwd = process.cwd()): number | Promise<number> {
  stats.replayed = false;
  const cache = cacheOf(argv);
  if (cache !== undefined) {
    const last = replayRun(cacheFile(cache.location, cwd), runConditions(argv, cwd));
    if (last) {
      stats.replayed = true;
      process.stdout.write(last.stdout);
      process.stdout.write('\n');
      return last.code;
    }
  }
  const cli = createRequire(import.meta.url)(fileURLToPath(new URL('./cli-main.cjs', import.meta.url))) as typeof Main;
  return cli.main(argv, cwd);
}

/** `check … --cache` (without --fix): where its cache is; undefined for any other command. */
function cacheOf(argv: readonly string[]): { location: string | undefined } | undefined {
  if (argv[0] !== 'check' || !argv.includes('--cache') || argv.includes('--fix')) return undefined;
  let location: string | undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--cache-location') location = argv[++i];
    else if (a.startsWith('--cache-location=')) location = a.slice('--cache-location='.length);
  }
  return { location };
}
