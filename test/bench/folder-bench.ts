// `check FOLDER` at the scale of a municipal year, for `npm run bench` (bench.ts): 1,000
// reports (~20 MB) in 50 agenda packs, made from the seed reports in a temporary folder;
// the CLI cold on every core (and its very first run, without V8's code cache), on one
// thread, a second run with --cache, and
// markdownlint-cli2 on the same folder, in the same run. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';

const repo = join(import.meta.dirname, '..', '..');
const cli = join(repo, 'bin', 'committee-report.js');
const today = '2026-02-20';

export const TARGETS = { coldMs: 10_000, cachedMs: 1_000 };

/**
 * The folder: pack `meeting-NN/` holds 20 reports, each a seed report (the larger ones
 * twice as often, for ~20 KB a report) under its own title and file name, and a
 * `pack.yaml` naming the committee, the date and the items.
 */
export function makeYear(dir: string, reports = 1000, perPack = 20): { files: number; bytes: number } {
  const seedDir = join(repo, 'test', 'seeds');
  const seeds = readdirSync(seedDir)
    .filter((f) => f.endsWith('.report.md'))
    .sort()
    .map((f) => ({ name: f.replace(/\.report\.md$/, ''), text: readFileSync(join(seedDir, f), 'utf8') }));
  const large = [...seeds].sort((a, b) => b.text.length - a.text.length).slice(0, 4);
  const cycle = [...seeds, ...large];
  let bytes = 0;
  for (let p = 0; p * perPack < reports; p++) {
    const pack = join(dir, `meeting-${String(p + 1).padStart(2, '0')}`);
    mkdirSync(pack, { recursive: true });
    const items: string[] = [];
    for (let i = 0; i < perPack && p * perPack + i < reports; i++) {
      const n = p * perPack + i;
      const seed = cycle[n % cycle.length]!;
      const name = `${String(i + 1).padStart(2, '0')}-${seed.name}`;
      // Its own title: every report's text (and cache key) is different.
      const text = seed.text.replace(/^# (.*)$/m, (_m, t: string) => `# ${t} (${p + 1}.${i + 1})`);
      writeFileSync(join(pack, `${name}.report.md`), text);
      bytes += Buffer.byteLength(text);
      items.push(name);
    }
    writeFileSync(join(pack, 'pack.yaml'), `committee: Children, Young People and Education Scrutiny Commission\nmeeting_date: ${(p % 28) + 1} October 2025\nitems:\n${items.map((i) => `  - ${i}\n`).join('')}`);
  }
  return { files: reports, bytes };
}

/** CPU seconds of this process's finished children (Linux: /proc/self/stat cutime + cstime), or NaN. */
function childCpuMs(): number {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return NaN;
  }
}

/** Wall time, and the CPU time the command used (every thread): on a busy machine the second says more. */
function timeRun(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}): { ms: number; cpuMs: number; status: number | null } {
  const cpu = childCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1', ...env } });
  const ms = performance.now() - t;
  if (r.error) throw r.error;
  return { ms, cpuMs: childCpuMs() - cpu, status: r.status };
}

export async function folderBench(opts: { log: (s: string) => void; quick?: boolean; reports?: number }) {
  const { log } = opts;
  if (!existsSync(join(repo, 'server', 'out', 'check-worker.cjs'))) throw new Error('folder bench: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'cr-bench-year-'));
  try {
    const { files, bytes } = makeYear(dir, opts.reports ?? 1000);
    // V8's code cache of the command's bundles (node/code-cache.ts) in a folder of the bench's
    // own: the first run finds none (as the very first run after an install); it writes the
    // worker threads' cache, and a short run writes the command's own. "Cold" is the run after
    // them: nothing of the reports' results is kept, as it is for a user's every run.
    const codeCache = join(dir, '.v8-cache');
    const check = (more: string[], what = ['.']) => timeRun(process.execPath, [cli, 'check', ...what, '--today', today, '--format', 'json', ...more], dir, { COMMITTEE_REPORTS_CODE_CACHE: codeCache });
    const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');
    const loadBefore = load();
    const first = check([]);
    check([], [join('meeting-01', readdirSync(join(dir, 'meeting-01')).find((f) => f.endsWith('.report.md'))!)]);
    // The cold run three times (once with --quick), the median kept: on a shared machine one
    // run of ten seconds varies by several per cent from the next.
    const colds = Array.from({ length: opts.quick ? 1 : 3 }, () => check([])).sort((a, b) => a.ms - b.ms);
    const cold = colds[Math.floor(colds.length / 2)]!;
    const oneThread = opts.quick ? undefined : check(['--concurrency', 'off']);
    const cachePath = join(dir, '.cache', 'results.json');
    const cacheFirst = check(['--cache', '--cache-location', cachePath]);
    const cached = check(['--cache', '--cache-location', cachePath]);
    const mdl = timeRun(process.execPath, [join(repo, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs'), '**/*.md'], dir);
    const loadAfter = load();
    const result = {
      reports: files,
      megabytes: Math.round(bytes / 1e5) / 10,
      cores: availableParallelism(),
      loadAverageBefore: loadBefore,
      loadAverageAfter: loadAfter,
      coldMs: Math.round(cold.ms),
      coldCpuMs: Math.round(cold.cpuMs),
      coldRunsMs: colds.map((c) => Math.round(c.ms)),
      firstRunMs: Math.round(first.ms),
      firstRunCpuMs: Math.round(first.cpuMs),
      oneThreadMs: oneThread ? Math.round(oneThread.ms) : undefined,
      oneThreadCpuMs: oneThread ? Math.round(oneThread.cpuMs) : undefined,
      cacheFirstRunMs: Math.round(cacheFirst.ms),
      cachedMs: Math.round(cached.ms),
      cachedCpuMs: Math.round(cached.cpuMs),
      markdownlintCli2Ms: Math.round(mdl.ms),
      markdownlintCli2CpuMs: Math.round(mdl.cpuMs),
      exitCodes: { cold: cold.status, cached: cached.status, markdownlintCli2: mdl.status },
      coldPass: cold.ms <= TARGETS.coldMs,
      cachedPass: cached.ms <= TARGETS.cachedMs,
    };
    const s = (ms: number, cpu?: number) => `${(ms / 1000).toFixed(2).padStart(7)} s${cpu === undefined ? '' : ` (CPU ${(cpu / 1000).toFixed(2)} s)`}`;
    const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
    log(`\ncheck FOLDER: ${files} reports, ${result.megabytes} MB in ${Math.ceil(files / 20)} agenda packs, ${result.cores} cores (load average before ${loadBefore}, after ${loadAfter})`);
    log(`  ours, cold, every core        ${s(cold.ms, cold.cpuMs)}   target <= ${TARGETS.coldMs / 1000} s: ${verdict(result.coldPass)}${colds.length > 1 ? `  (median of ${colds.length}: ${colds.map((c) => (c.ms / 1000).toFixed(2)).join(', ')} s)` : ''}`);
    log(`  ours, the same, no code cache ${s(first.ms, first.cpuMs)}   (the first run after an install)`);
    if (oneThread) log(`  ours, cold, one thread        ${s(oneThread.ms, oneThread.cpuMs)}   (--concurrency off; ${(oneThread.ms / cold.ms).toFixed(2)}x the time on every core)`);
    log(`  ours, --cache, first run      ${s(cacheFirst.ms)}   (fills the cache)`);
    log(`  ours, --cache, unchanged      ${s(cached.ms, cached.cpuMs)}   target <= ${TARGETS.cachedMs / 1000} s: ${verdict(result.cachedPass)}`);
    log(`  markdownlint-cli2 (all rules) ${s(mdl.ms, mdl.cpuMs)}   (same folder, **/*.md)`);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const reports = Number(/--reports=(\d+)/.exec(process.argv.join(' '))?.[1] ?? 1000);
  const r = await folderBench({ log: (s) => process.stdout.write(s + '\n'), quick: process.argv.includes('--quick'), reports });
  if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(r, null, 2) + '\n');
}
