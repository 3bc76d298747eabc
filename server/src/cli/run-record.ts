import { readFileSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { todayIso } from '../core/today.js';
import { statSignature } from './cache.js';
import { VERSION } from './version.js';

/**
 * `check --cache`, the whole run: what the last run printed, with everything it depended
 * on, in `<cache file>.last-run`. A run with the same words in the same folder, on the
 * same day, by the same build, prints it again when nothing it read has changed: the
 * listing of every folder searched (a report added, removed or renamed anywhere below),
 * the status of every file in them (`statSignature`: reports, manifests, config files,
 * appendices), and the status of every file the configuration was looked for in above
 * them (config and profile files; a missing one is recorded as missing). It needs none of
 * the checker's code (entry.ts loads none), reads no report and hashes nothing. Anything
 * different, and the run is made as usual (from the per-report cache, cache.ts).
 *
 * The file is this record as one line of JSON, then the output's bytes as they were
 * printed (read and written again as they are: neither decoded nor parsed).
 *
 * Only a run whose every argument is a file or a folder is recorded, and only one that
 * said nothing on stderr and finished with 0 or 1 (no Word files, no unreadable files).
 */
const FORMAT = 'committee-report-run/1';

export interface RunRecord {
  format: typeof FORMAT;
  /** The words after `committee-report`, the folder, the day, the output's colour and the build. */
  argv: string[];
  cwd: string;
  today: string;
  tty: boolean;
  noColor: boolean;
  tool: string;
  /** Folder → its entries' names (sorted, the cache's own files left out). */
  listings: Record<string, string>;
  /** File → `statSignature`, or '' for a path where there was no file. */
  files: Record<string, string>;
  code: number;
}

/** Where the run record of a cache file is kept. */
export function recordFile(cacheFile: string): string {
  return `${cacheFile}.last-run`;
}

/**
 * The run's conditions that are not files: compared whole. The run that writes a record
 * (cli-main.cjs) and the entry that replays it (cli.cjs) both take them from here.
 */
export function runConditions(argv: readonly string[], cwd: string): Pick<RunRecord, 'argv' | 'cwd' | 'today' | 'tty' | 'noColor' | 'tool'> {
  return { argv: [...argv], cwd, today: todayIso(), tty: process.stdout.isTTY === true, noColor: Boolean(process.env.NO_COLOR), tool: toolIdentity() };
}

/** The build: the version and the bundles beside this code, by status (a rebuild or an upgrade changes it). */
function toolIdentity(): string {
  const dir = dirname(fileURLToPath(import.meta.url));
  const parts = [VERSION];
  for (const f of ['cli.cjs', 'cli-main.cjs', 'check-worker.cjs']) parts.push(fileSignature(join(dir, f)));
  return parts.join('|');
}

function fileSignature(path: string): string {
  try {
    const st = statSync(path);
    return st.isFile() ? statSignature(st) : 'not a file';
  } catch {
    return '';
  }
}

/**
 * A folder's entries: `walk`, all but the cache file, its record and their temporary
 * files (they change with every run); `names`, as recorded, without a folder on the way to
 * the cache either (the first run makes it; what is inside it is still recorded).
 */
function entries(dir: string, cacheFile: string): { names: string[] | undefined; walk: string[] } {
  let all: string[];
  try {
    all = readdirSync(dir);
  } catch {
    return { names: undefined, walk: [] };
  }
  const own = [basename(cacheFile), basename(recordFile(cacheFile))];
  const walk = all.filter((n) => !own.some((o) => n === o || (n.startsWith(`${o}.`) && n.endsWith('.tmp')))).sort();
  const toCache = dirname(cacheFile) + sep;
  return { names: walk.filter((n) => !toCache.startsWith(join(dir, n) + sep)), walk };
}

/** A folder's listing as the record keeps it (a folder that cannot be read has a listing too). */
function listingText(names: string[] | undefined): string {
  return names === undefined ? '\u0000unreadable' : names.join('\n');
}

/**
 * Records what a run reads, before it reads it: every folder below the folders asked for
 * (not hidden ones, not node_modules: the search does not go there), each listed, each
 * file in it by status; for a file asked for, its folder the same way (its pack). Every
 * other file the run looks at goes through `file` (the configuration's search). A status is
 * taken before the run reads the file, so a file changed during the run is seen as changed
 * next time. `undefined` from `start`: this run is not recorded (a glob among the arguments).
 */
export class RunInputs {
  readonly listings: Record<string, string> = {};
  readonly files: Record<string, string> = {};
  private constructor(private readonly cacheFile: string) {}

  static start(paths: readonly string[], cwd: string, cacheFile: string): RunInputs | undefined {
    const inputs = new RunInputs(cacheFile);
    const seen = new Set<string>();
    for (const arg of paths.length === 0 ? ['.'] : paths) {
      const abs = resolve(cwd, arg);
      let st;
      try {
        st = statSync(abs);
      } catch {
        return undefined;
      }
      if (st.isDirectory()) inputs.walk(abs, true, seen);
      else if (st.isFile()) inputs.walk(dirname(abs), false, seen);
      else return undefined;
    }
    return inputs;
  }

  private walk(dir: string, deep: boolean, seen: Set<string>): void {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      real = dir;
    }
    const key = `${real}${deep ? ' deep' : ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const { names, walk } = entries(dir, this.cacheFile);
    this.listings[dir] = listingText(names);
    for (const name of walk) {
      const path = join(dir, name);
      let st;
      try {
        st = statSync(path);
      } catch {
        this.files[path] = '';
        continue;
      }
      if (st.isDirectory()) {
        if (deep && !name.startsWith('.') && name !== 'node_modules') this.walk(path, true, seen);
      } else this.files[path] = statSignature(st);
    }
  }

  /** A file the run is about to read (or looks for): its status now. */
  file(path: string): void {
    if (!(path in this.files)) this.files[path] = fileSignature(path);
  }
}

/** Writes the record whole (a temporary file renamed over it); a failure only costs the next run its speed. */
export function saveRunRecord(cacheFile: string, inputs: RunInputs, conditions: ReturnType<typeof runConditions>, stdout: string, code: number): void {
  const file = recordFile(cacheFile);
  const record: RunRecord = { format: FORMAT, ...conditions, listings: inputs.listings, files: inputs.files, code };
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    writeFileSync(tmp, `${JSON.stringify(record)}\n${stdout}`);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** The last run's output (its bytes) and exit code when this run would be the same, else undefined. */
export function replayRun(cacheFile: string, conditions: ReturnType<typeof runConditions>): { stdout: Uint8Array; code: number } | undefined {
  let bytes: Buffer;
  let record: RunRecord;
  try {
    bytes = readFileSync(recordFile(cacheFile));
    const end = bytes.indexOf(10);
    if (end < 0) return undefined;
    record = JSON.parse(bytes.subarray(0, end).toString('utf8')) as RunRecord;
    bytes = bytes.subarray(end + 1);
  } catch {
    return undefined;
  }
  if (record?.format !== FORMAT || (record.code !== 0 && record.code !== 1)) return undefined;
  if (typeof record.listings !== 'object' || record.listings === null || typeof record.files !== 'object' || record.files === null) return undefined;
  if (!Array.isArray(record.argv) || record.argv.length !== conditions.argv.length || record.argv.some((a, i) => a !== conditions.argv[i])) return undefined;
  if (record.cwd !== conditions.cwd || record.today !== conditions.today || record.tty !== conditions.tty || record.noColor !== conditions.noColor || record.tool !== conditions.tool) return undefined;
  for (const [dir, names] of Object.entries(record.listings)) if (listingText(entries(dir, cacheFile).names) !== names) return undefined;
  for (const [path, sig] of Object.entries(record.files)) if (fileSignature(path) !== sig) return undefined;
  return { stdout: bytes, code: record.code };
}
