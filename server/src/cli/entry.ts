import { fileURLToPath } from 'node:url';
import { cliCodeCacheDir, loadBundle, type LoadedBundle } from '../node/code-cache.js';
import { cacheFile } from './cache.js';
import { convertLoaded, isConvertCommand, runConvertCommand } from './convert-bundle.js';
import { replayRun, runConditions } from './run-record.js';
import type * as Main from './main.js';

// The entry of the `committee-report` command (server/out/cli.cjs), kept small: a
// `check --cache` whose last run still stands (run-record.ts) is answered from its record
// without loading the checker; `export` and `import` load their own bundle
// (cli-convert.cjs: convert-bundle.ts) and not the checker's; everything else loads the
// CLI (cli-main.cjs), with V8's code cache (node/code-cache.ts), and runs it.

/**
 * What the last call did, and which bundles are loaded (for the tests): the CLI's, and the
 * export and import commands' (`convert`), loaded here or by the CLI to read a Word file.
 */
export const stats: { replayed: boolean; cli?: LoadedBundle['cache']; convert?: LoadedBundle['cache'] | 'source' } = { replayed: false };

let cli: LoadedBundle | undefined;

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
  if (isConvertCommand(argv)) {
    const code = runConvertCommand(argv, cwd);
    stats.convert = convertLoaded();
    return code;
  }
  cli ??= loadBundle(fileURLToPath(new URL('./cli-main.cjs', import.meta.url)), cliCodeCacheDir());
  stats.cli = cli.cache;
  const loaded = cli;
  const run = loaded.exports as typeof Main;
  // The cache is written after the first run that found none (it then holds what that run
  // compiled), unless the run set V8's flags for a long check (cli/jit.ts): V8 keys a cache
  // to the flags, and the next run loads this bundle before any flag is set.
  const done = (code: number): number => {
    if (run.appliedFlags().length === 0) loaded.save();
    const convert = run.convertLoaded();
    if (convert) stats.convert = convert;
    return code;
  };
  const code = run.main(argv, cwd);
  return typeof code === 'number' ? done(code) : code.then(done);
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
