// Language-server figures for `npm run bench`: start to first diagnostics, and the
// server's memory with 50 open 186 KB reports. Needs `npm run build` (server/out).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../lsp/lsp-client.js';
import type { Stats } from '../../server/src/lsp/protocol.js';

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Starts are timed as the editor sees them: from starting the process to the first
 * diagnostics of the report. The first start has no code cache yet (the first start after
 * installing or updating the extension); it writes one, which every later start uses.
 */
export async function serverBench(text: string, opts: { starts: number; documents: number }) {
  const codeCache = mkdtempSync(join(tmpdir(), 'cr-bench-cache-'));
  const start = async (i: number): Promise<number> => {
    const t = performance.now();
    const client = await new TestClient({ codeCache }).start();
    const uri = pathToFileURL(`/bench/start-${i}.report.md`).href;
    await client.open(uri, text);
    const ds = await client.diagnostics(uri);
    const ms = performance.now() - t;
    if (ds.length === 0) throw new Error('no diagnostics from the server');
    // The checking thread writes its code cache after the first check (the editor keeps
    // the server running; a bench that stops it at once must wait for the file).
    while (readdirSync(codeCache).filter((f) => f.endsWith('.v8cache')).length === 0) await new Promise((r) => setTimeout(r, 20));
    await client.stop();
    return ms;
  };
  const firstStart = await start(0);
  const starts: number[] = [];
  for (let i = 1; i <= opts.starts; i++) starts.push(await start(i));
  const client = await new TestClient({ codeCache }).start();
  const before = rssMb(client.child.pid!);
  const t0 = performance.now();
  for (let i = 0; i < opts.documents; i++) {
    const uri = pathToFileURL(`/bench/open-${i}.report.md`).href;
    await client.open(uri, text.replace('# ', `# ${i} `));
    await client.diagnostics(uri);
  }
  const openAndCheckMs = performance.now() - t0;
  // The memory the server keeps: once its threads have given back what the burst of
  // checks left (idle-gc.ts: a collection after half a second of quiet, which a loaded
  // machine can delay), read the resident set of the whole server process. Asked for,
  // not waited for by a fixed time, which read it before or after that by chance.
  const collections = async (): Promise<number> => (await client.request<Stats>('committeeReports/stats', {})).idleCollections;
  const before50 = await collections();
  const deadline = performance.now() + 10_000;
  while ((await collections()) < before50 + 1 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 200));
  const rss = rssMb(client.child.pid!);
  await client.stop();
  rmSync(codeCache, { recursive: true, force: true });
  return { startToDiagnosticsMs: median(starts), startRuns: starts.length, firstStartToDiagnosticsMs: firstStart, idleRssMb: before, rssMb: rss, documents: opts.documents, openAndCheckMs };
}
