import { readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname } from 'node:path';
import { refuseOversized, todayIso } from '../core/check.js';
import { buildPack, checkManifest, memberOf, type PackInfo, type PackManifest } from '../core/pack/index.js';
import { mergeFindings, runPackRules } from '../core/pack/run.js';
import { RULES } from '../core/rules/index.js';
import type { Finding } from '../core/types.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import { appendixFilesBeside } from '../node/appendix-files.js';
import { statOrUndefined } from '../node/fs.js';
import { packFolder } from '../node/pack.js';
import { ResultCache, cacheKey, hash, settingsFingerprint, statSignature, toolFingerprint } from './cache.js';
import { checkFileTask, withoutFixes, type FileOutcome, type FileTask } from './check-task.js';
import { WorkerPool } from './pool.js';
import { LONG_RUN, tuneForRun } from './jit.js';

export interface RunOptions {
  today?: string;
  fix: boolean;
  /** Worker threads: a number, or 'auto' (one per core when there are enough reports to pay for starting them). */
  concurrency: number | 'auto';
  /** The cache file, when `--cache` is on. */
  cacheFile?: string;
  version: string;
}

/** What became of one report: its findings (pack rules included), or why it could not be read. */
export type FileResult = { findings: Finding[]; ruleErrors: number } | { unreadable: string };

export interface RunResult {
  /** By file, for every file asked for. */
  byFile: Map<string, FileResult>;
  /** Findings on the packs' manifests, in the order the packs were met. */
  manifests: { file: string; findings: Finding[] }[];
  /** How many reports were checked, and how many outcomes came from the cache. */
  checked: number;
  /** How many report files were read (a cached run of unchanged files reads none). */
  read: number;
  /** How many of them this thread read (to hash them for the cache); the threads that check the reports read the others. */
  readHere: number;
  reused: number;
  /** Worker threads that checked reports (0: all on the calling thread). */
  threads: number;
  /** Why the cache could not be written, if it could not. */
  cacheError?: string;
}

/** Below this many reports to check, 'auto' checks on the main thread (starting workers costs more). */
const MIN_FOR_WORKERS = LONG_RUN;

/**
 * Checks report files (Word files are checked by the caller): each report on its own, on
 * worker threads or here, or from the cache; then the pack rules for the reports in a
 * folder with a pack manifest, from every member's facts. The result does not depend on
 * how many threads ran or in what order they finished.
 */
export async function checkReportFiles(files: readonly string[], settingsFor: (file: string) => WorkspaceSettings, settingsDir: (file: string) => string, opts: RunOptions): Promise<RunResult> {
  const today = opts.today ?? todayIso();
  const cache = opts.cacheFile && !opts.fix ? new ResultCache(opts.cacheFile) : undefined;
  // The worker threads for n reports to check (1: none, they are checked on this thread).
  const threadsFor = (n: number): number => {
    const wanted = opts.concurrency === 'auto' ? (n >= MIN_FOR_WORKERS ? availableParallelism() : 1) : opts.concurrency;
    return wanted > 1 && n > 1 ? Math.min(wanted, n) : 1;
  };
  // Without the cache every report is checked: the threads are started as soon as there
  // are enough reports, and load their code and dictionary while this thread looks for
  // the packs' other reports (with V8's flags for a long run set first: jit.ts).
  const startPool = (n: number): WorkerPool | undefined => {
    const threads = threadsFor(n);
    if (cache || threads === 1) return undefined;
    tuneForRun(n, threads, availableParallelism());
    return new WorkerPool(workerScript(), threads);
  };
  let pool = startPool(files.length);
  const asked = new Set(files);
  // The packs: folders with a manifest; their other reports are checked too, for their facts.
  const folders = new Map<string, { manifest?: PackManifest; reports: string[] } | undefined>();
  const all = [...files];
  for (const file of files) {
    const dir = dirname(file);
    if (folders.has(dir)) continue;
    const folder = packFolder(dir, true);
    folders.set(dir, folder);
    for (const r of folder?.reports ?? []) if (!asked.has(r)) all.push(r);
  }

  pool ??= startPool(all.length);
  const tool = toolFingerprint(opts.version, RULES);
  const fingerprints = new Map<WorkspaceSettings, string>();
  const outcomes = new Map<string, FileOutcome>();
  const byFile = new Map<string, FileResult>();
  const tasks: FileTask[] = [];
  /** Each task's file size in bytes, to hand out the largest first. */
  const sizes: number[] = [];
  const keys: { key: string; file: { text: string; stat: string } }[] = [];
  // Folders whose listing this run has read (see `appendixFilesBeside` below).
  const listed = new Set<string>();
  // Reports read here (to hash them for the cache) and by the threads that checked them.
  let readHere = 0;
  let readThere = 0;
  for (const file of all) {
    const st = statOrUndefined(file);
    const tooLarge = refuseOversized(st?.size ?? 0);
    if (tooLarge) {
      // Too large: refused before reading (a check would run out of memory).
      byFile.set(file, { findings: [tooLarge], ruleErrors: 0 });
      continue;
    }
    const settings = settingsFor(file);
    // Each folder is listed afresh once per run, not once per report.
    const dir = dirname(file);
    const appendixFiles = appendixFilesBeside(file, listed.has(dir) ? Infinity : 0);
    listed.add(dir);
    let text: string | undefined;
    const readText = (): string | undefined => {
      try {
        text = readFileSync(file, 'utf8');
        readHere++;
      } catch (e) {
        byFile.set(file, { unreadable: e instanceof Error ? e.message : String(e) });
      }
      return text;
    };
    let key: string | undefined;
    let kept: { text: string; stat: string } | undefined;
    if (cache) {
      let fp = fingerprints.get(settings);
      if (fp === undefined) fingerprints.set(settings, (fp = settingsFingerprint(settings.files, readOrUndefined)));
      // A file whose status is what it was when its text was hashed is not read again.
      const stat = st ? statSignature(st) : '';
      let textHash = st ? cache.textHash(file, stat) : undefined;
      if (textHash === undefined) {
        if (readText() === undefined) continue;
        textHash = hash(text!);
      }
      kept = { text: textHash, stat };
      key = cacheKey({ textHash, settings: fp, today, appendixFiles, tool });
      const outcome = cache.get(file, key, kept);
      if (outcome) {
        outcomes.set(file, outcome);
        continue;
      }
    }
    // Without the cache, the thread that checks a report reads it (check-task.ts).
    tasks.push({ file, settingsDir: settingsDir(file), ...(text !== undefined ? { text } : {}), appendixFiles, fix: opts.fix, ...(opts.today ? { today: opts.today } : {}) });
    sizes.push(st?.size ?? 0);
    if (key !== undefined) keys.push({ key, file: kept! });
  }

  const workers = threadsFor(tasks.length);
  tuneForRun(tasks.length, workers, availableParallelism());
  let threads = 0;
  let done: FileOutcome[];
  if (workers > 1) {
    pool ??= new WorkerPool(workerScript(), workers);
    // The largest first: no thread is left checking a large report alone at the end.
    const order = tasks.map((_, i) => i).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
    const ran = await pool.run<FileTask, FileOutcome>(tasks, order);
    done = ran.results;
    threads = ran.perWorker.filter((n) => n > 0).length;
  } else {
    pool?.close();
    done = tasks.map((t) => checkFileTask(t, settingsFor(t.file)));
  }
  tasks.forEach((t, i) => {
    const outcome = done[i]!;
    if (outcome.unreadable !== undefined) {
      byFile.set(t.file, { unreadable: outcome.unreadable });
      return;
    }
    if (t.text === undefined) readThere++;
    outcomes.set(t.file, outcome);
    if (cache) cache.set(t.file, keys[i]!.key, keys[i]!.file, outcome);
    if (outcome.fixedText !== undefined) writeFileSync(t.file, outcome.fixedText);
  });

  // The packs, from their members' facts; then each asked report's pack findings.
  const packs = new Map<string, PackInfo>();
  for (const [dir, folder] of folders) {
    if (!folder) continue;
    const members = folder.reports.flatMap((r) => {
      const facts = outcomes.get(r)?.facts;
      return facts ? [memberOf(r, facts)] : [];
    });
    packs.set(dir, buildPack(dir, folder.manifest, members));
  }
  const manifests: RunResult['manifests'] = [];
  const met = new Set<PackInfo>();
  for (const file of files) {
    const outcome = outcomes.get(file);
    if (!outcome) continue;
    const info = packs.get(dirname(file));
    if (info && !met.has(info)) {
      met.add(info);
      const findings = info.manifest ? checkManifest(info, settingsFor(info.manifest.file).config) : [];
      if (info.manifest && findings.length > 0) manifests.push({ file: info.manifest.file, findings });
    }
    if (!info || !outcome.facts) {
      byFile.set(file, { findings: outcome.findings, ruleErrors: outcome.ruleErrors });
      continue;
    }
    const pack = runPackRules(outcome.facts, { info, file }, settingsFor(file).config);
    byFile.set(file, { findings: mergeFindings(outcome.findings, pack.findings.map(withoutFixes)), ruleErrors: outcome.ruleErrors + pack.ruleErrors.length });
  }

  const result: RunResult = { byFile, manifests, checked: tasks.length, read: readHere + readThere, readHere, reused: cache?.hits ?? 0, threads };
  if (cache) {
    try {
      cache.prune((p) => outcomes.has(p) || statOrUndefined(p) !== undefined);
      cache.save();
    } catch (e) {
      result.cacheError = e instanceof Error ? e.message : String(e);
    }
  }
  return result;
}

/**
 * The worker's script: beside this module, bundled (`check-thread.cjs`, which loads
 * `check-worker.cjs` with V8's code cache) or as TypeScript under tsx (no cache).
 */
function workerScript(): URL {
  return import.meta.url.endsWith('.ts') ? new URL('./check-worker.ts', import.meta.url) : new URL('./check-thread.cjs', import.meta.url);
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
