import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';

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

const PREFIX = 'worker-';
const SUFFIX = '.v8cache';

export function loadBundle(file: string, cacheDir: string | undefined): LoadedBundle {
  const source = readFileSync(file, 'utf8');
  // The cache belongs to this bundle and this runtime (V8 also checks, this keeps one file per pair).
  const key = createHash('sha1').update(source).update(`${process.version} ${process.arch}`).digest('hex').slice(0, 16);
  const cacheFile = cacheDir ? join(cacheDir, `${PREFIX}${key}${SUFFIX}`) : undefined;
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
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, data);
        renameSync(tmp, cacheFile);
        // Caches of earlier versions of the bundle are of no more use.
        for (const f of readdirSync(cacheDir)) {
          if (f.startsWith(PREFIX) && f.endsWith(SUFFIX) && join(cacheDir, f) !== cacheFile) rmSync(join(cacheDir, f), { force: true });
        }
      } catch {
        // A read-only or full disk only costs the next start its speed.
      }
    },
  };
}
