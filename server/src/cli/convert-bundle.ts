import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { cliCodeCacheDir, loadBundle, type LoadedBundle } from '../node/code-cache.js';
import type * as Convert from './convert.js';

/**
 * The export and import commands (convert.ts) are a bundle of their own,
 * cli-convert.cjs, beside the CLI's: docx, mammoth, jszip and the rest are ~2 MB of code
 * that `check` of Markdown reports never runs, and V8 read and ran all of it before the
 * check could start its worker threads (~70 ms of each run). It is loaded on the first
 * use, with V8's code cache like cli-main.cjs. Under tsx (tests) the source module is
 * loaded instead.
 */
export type ConvertCommands = typeof Convert;

let loading: Promise<ConvertCommands> | undefined;
let bundle: LoadedBundle | undefined;
let how: LoadedBundle['cache'] | 'source' | undefined;

export function convertCommands(): Promise<ConvertCommands> {
  loading ??= load();
  return loading;
}

function load(): Promise<ConvertCommands> {
  const file = fileURLToPath(new URL('./cli-convert.cjs', import.meta.url));
  if (existsSync(file)) {
    bundle = loadBundle(file, cliCodeCacheDir());
    how = bundle.cache;
    return Promise.resolve(bundle.exports as ConvertCommands);
  }
  how = 'source';
  // A variable specifier keeps esbuild from bundling the commands in.
  const source = './convert.js';
  return import(source) as Promise<ConvertCommands>;
}

/** Whether `argv` is a command of this bundle (`export`, `export pack`, `import`). */
export function isConvertCommand(argv: readonly string[]): boolean {
  return argv[0] === 'export' || argv[0] === 'import';
}

/** Runs a command of this bundle (see `isConvertCommand`), and writes its code cache after. */
export function runConvertCommand(argv: string[], cwd: string): Promise<number> {
  return convertCommands().then((c) => c.main(argv, cwd).finally(saveConvertCache));
}

/**
 * Writes the bundle's code cache after its first work, if it did not load from one (call
 * it before V8's flags for a long check are set: jit.ts; a cache is keyed to the flags).
 */
export function saveConvertCache(): void {
  bundle?.save();
}

/** Whether and how the bundle was loaded in this process (for the tests). */
export function convertLoaded(): LoadedBundle['cache'] | 'source' | undefined {
  return how;
}
