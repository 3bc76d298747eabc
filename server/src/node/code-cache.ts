import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

/**
 * Loads a CommonJS bundle with V8's code cache, as VS Code loads its own code. The cache
 * is written once the bundle has done its first piece of work, so it holds the bytecode
 * of every function that work compiled, not only the top level: the next start neither
 * parses the 1-2 MB bundle nor compiles those functions again (~80 ms of the first
 * check on a cold thread). V8 checks a cache against the source and its flags, and
 * rejects one that does not fit; the bundle then loads as usual and a new cache is
 * written. Nothing here may stop the bundle from loading: every failure falls back.
 */
export interface LoadedBundle {
  exports: unknown;
  /** Writes the cache if the bundle did not load from a valid one (once; call after the first work). */
  save(): void;
  /** How the bundle was loaded (for stats and tests). */
  cache: 'used' | 'rejected' | 'none' | 'off';
}

const SUFFIX = '.v8cache';

export function loadBundle(file: string, cacheDir: string | undefined): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  // The cache belongs to this bundle and this runtime. V8 checks only the source's length
  // and its own version and flags, so the key names the file's size and modification time
  // (a new build or install changes it) and the runtime. (Hashing the source would load
  // node:crypto into the thread: ~8 ms of its start.)
  // Node options (a debug start's `--inspect --nolazy`) change V8's flags, so they name their own cache.
  const st = statSync(file);
  const key = `${st.size}-${Math.round(st.mtimeMs)}-${process.version}-${process.arch}-${shortHash(process.execArgv.join(' '))}`.replace(/[^\w.-]/g, '_');
  // Each bundle's caches are named after it (`worker-…`, `check-worker-…`): a new cache
  // replaces only the same bundle's older ones.
  const prefix = `${basename(file).replace(/\.c?js$/, '')}-`;
  const cacheFile = cacheDir ? join(cacheDir, `${prefix}${key}${SUFFIX}`) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  const cache: LoadedBundle['cache'] = !cacheFile ? 'off' : !cachedData ? 'none' : script.cachedDataRejected ? 'rejected' : 'used';
  let saved = cache === 'used' || cache === 'off';
  return {
    exports: module.exports,
    cache,
    save() {
      if (saved || !cacheFile || !cacheDir) return;
      saved = true;
      try {
        const data = script.createCachedData();
        mkdirSync(cacheDir, { recursive: true });
        // Written whole under a name of its own, then renamed: a reader (or another thread
        // or server writing the same cache) never sees a partly written file.
        const tmp = `${cacheFile}.${process.pid}-${threadId}-${Date.now()}.tmp`;
        writeFileSync(tmp, data);
        renameSync(tmp, cacheFile);
        // Caches of earlier versions of the bundle are of no more use, nor are files left
        // by a writer that was stopped (a minute is far longer than any write).
        for (const f of readdirSync(cacheDir)) {
          if (!f.startsWith(prefix) || !/^[\d_]/.test(f.slice(prefix.length))) continue;
          const path = join(cacheDir, f);
          const stale = f.endsWith(SUFFIX) ? path !== cacheFile : f.endsWith('.tmp') && Date.now() - statSync(path).mtimeMs > 60_000;
          if (stale) rmSync(path, { force: true });
        }
      } catch {
        // A read-only or full disk only costs the next start its speed.
      }
    },
  };
}

/** A short hash of a short string (FNV-1a), to name a cache file. */
function shortHash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * Where the command line keeps V8's code cache of its bundles: the directory named by
 * COMMITTEE_REPORTS_CODE_CACHE (`off`: none), else the user's cache directory
 * (`$XDG_CACHE_HOME`, `~/.cache`, or `%LOCALAPPDATA%` on Windows), `committee-reports/v8`.
 * The editor passes its own storage to the language server instead (client/src/extension.ts).
 */
export function cliCodeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const set = env.COMMITTEE_REPORTS_CODE_CACHE;
  if (set === 'off') return undefined;
  if (set) return set;
  const base = process.platform === 'win32' ? env.LOCALAPPDATA : env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return base ? join(base, 'committee-reports', 'v8') : undefined;
}
