import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { statOrUndefined } from '../node/fs.js';
import type { FileOutcome } from './check-task.js';

/**
 * `check --cache`: the outcomes of reports checked before, kept in one JSON file
 * (default `.committee-report-cache` in the working folder; `--cache-location` names
 * another file, or a folder to put it in). An outcome is used again only when its key is
 * the same: the report's text, the configuration and profile files in force, the date
 * checked against, the files beside it (appendices), the rule set and the tool's version.
 * The pack rules are not cached: they run on every check from the reports' facts, so a
 * change to one report of a pack is seen in the others.
 */
export const DEFAULT_CACHE_NAME = '.committee-report-cache';

const FORMAT = 'committee-report-cache/2';

export function hash(...parts: string[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\u0000');
  return h.digest('hex');
}

/** The parts of a cache key; `cacheKey` hashes them. */
export interface KeyParts {
  /** `hash` of the report's text. */
  textHash: string;
  /** `settingsFingerprint` of the folder's configuration. */
  settings: string;
  today: string;
  appendixFiles: readonly string[];
  /** `ruleSetFingerprint` and the version. */
  tool: string;
}

export function cacheKey(k: KeyParts): string {
  return hash(k.textHash, k.settings, k.today, k.appendixFiles.join('\n'), k.tool);
}

/** The configuration in force: the config file and the profile files it names, with their contents. */
export function settingsFingerprint(files: readonly string[], read: (file: string) => string | undefined): string {
  return hash(...files.flatMap((f) => [f, read(f) ?? '\u0000missing']));
}

/** The rules and the tool: an upgrade, or a rule's default severity changing, drops every entry. */
export function toolFingerprint(version: string, rules: readonly { id: string; defaultSeverity: string; fixable: boolean }[]): string {
  return hash(version, ...rules.map((r) => `${r.id} ${r.defaultSeverity} ${r.fixable}`));
}

/** Where the cache file is: `location` as a file, or inside it when it is a folder (or ends in a slash). */
export function cacheFile(location: string | undefined, cwd: string): string {
  if (!location) return join(cwd, DEFAULT_CACHE_NAME);
  const abs = resolve(cwd, location);
  return /[\\/]$/.test(location) || statOrUndefined(abs)?.isDirectory() ? join(abs, DEFAULT_CACHE_NAME) : abs;
}

interface Entry {
  key: string;
  /** `hash` of the text the outcome is of, and `statSignature` of the file when it was read. */
  text: string;
  stat: string;
  outcome: FileOutcome;
}

/**
 * What a file's status says of its content: size, modification and change times (to the
 * nanosecond where the file system keeps them) and inode. Writing a file changes its change
 * time even when its size and modification time are put back (`touch -d`, a restore
 * tool), so an equal signature means the text hashed before is the text now; anything
 * else, and the file is read and hashed again.
 */
export function statSignature(st: { size: number; mtimeMs: number; ctimeMs: number; ino: number; dev: number }): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}:${st.dev}`;
}

function isRange(r: unknown): boolean {
  const x = r as { start?: { line?: unknown; character?: unknown }; end?: { line?: unknown; character?: unknown } } | null;
  return typeof x?.start?.line === 'number' && typeof x.start.character === 'number' && typeof x.end?.line === 'number' && typeof x.end.character === 'number';
}

/** An entry as read from disk is used only if it has the shape this version writes. */
function isEntry(e: unknown): e is Entry {
  const x = e as { key?: unknown; text?: unknown; stat?: unknown; outcome?: { findings?: unknown; ruleErrors?: unknown; facts?: unknown } } | null;
  if (typeof x?.key !== 'string' || typeof x.text !== 'string' || typeof x.stat !== 'string' || typeof x.outcome?.ruleErrors !== 'number' || !Array.isArray(x.outcome.findings)) return false;
  if (x.outcome.facts !== undefined && (typeof x.outcome.facts !== 'object' || x.outcome.facts === null || !Array.isArray((x.outcome.facts as { officers?: unknown }).officers) || !Array.isArray((x.outcome.facts as { directives?: unknown }).directives))) return false;
  return (x.outcome.findings as unknown[]).every((f) => {
    const y = f as { ruleId?: unknown; severity?: unknown; message?: unknown; range?: unknown; fixes?: unknown } | null;
    return typeof y?.ruleId === 'string' && (y.severity === 'error' || y.severity === 'warning' || y.severity === 'info') && typeof y.message === 'string' && isRange(y.range) && Array.isArray(y.fixes);
  });
}

export class ResultCache {
  private entries = new Map<string, Entry>();
  private changed = false;
  hits = 0;
  misses = 0;

  constructor(readonly file: string) {
    // A missing, unreadable, corrupt or foreign file is an empty cache: never an error.
    let data: { format?: unknown; entries?: unknown };
    try {
      data = JSON.parse(readFileSync(file, 'utf8')) as typeof data;
    } catch {
      return;
    }
    if (data?.format !== FORMAT || typeof data.entries !== 'object' || data.entries === null || Array.isArray(data.entries)) return;
    for (const [path, e] of Object.entries(data.entries)) this.entries.set(path, e as Entry);
  }

  /** The text hash kept for `path` when the file's status is still `stat` (its text unchanged), or undefined. */
  textHash(path: string, stat: string): string | undefined {
    const e = this.entries.get(path);
    return e && typeof e.stat === 'string' && e.stat === stat && typeof e.text === 'string' ? e.text : undefined;
  }

  /**
   * The outcome kept for `path` under `key`, or undefined. A file read again and found the
   * same (`file`: its hash and new status) is remembered by its new status.
   */
  get(path: string, key: string, file?: { text: string; stat: string }): FileOutcome | undefined {
    const e = this.entries.get(path);
    if (e && isEntry(e) && e.key === key) {
      this.hits++;
      if (file && (e.stat !== file.stat || e.text !== file.text)) {
        this.entries.set(path, { ...e, ...file });
        this.changed = true;
      }
      return e.outcome;
    }
    this.misses++;
    return undefined;
  }

  set(path: string, key: string, file: { text: string; stat: string }, outcome: FileOutcome): void {
    const kept: FileOutcome = { findings: outcome.findings, ruleErrors: outcome.ruleErrors };
    if (outcome.facts) kept.facts = outcome.facts;
    this.entries.set(path, { key, text: file.text, stat: file.stat, outcome: kept });
    this.changed = true;
  }

  /** Forgets files that no longer exist (a renamed report leaves no entry behind). */
  prune(exists: (path: string) => boolean): void {
    for (const path of [...this.entries.keys()]) {
      if (!exists(path)) {
        this.entries.delete(path);
        this.changed = true;
      }
    }
  }

  /** Writes the cache when it changed: to a temporary file, then renamed over the old one (never half written). */
  save(): void {
    if (!this.changed) return;
    const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, entries: Object.fromEntries(this.entries) }));
      renameSync(tmp, this.file);
      this.changed = false;
    } catch (e) {
      rmSync(tmp, { force: true });
      throw e;
    }
  }
}
