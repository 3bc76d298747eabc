// Language-server figures for `npm run bench`: start to first diagnostics, and the
// server's memory with 50 open 186 KB reports. Needs `npm run build` (server/out).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { TestClient } from '../lsp/lsp-client.js';

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

export async function serverBench(text: string, opts: { starts: number; documents: number }) {
  const starts: number[] = [];
  for (let i = 0; i < opts.starts; i++) {
    const t = performance.now();
    const client = await new TestClient().start();
    const uri = pathToFileURL(`/bench/start-${i}.report.md`).href;
    await client.open(uri, text);
    const ds = await client.diagnostics(uri);
    starts.push(performance.now() - t);
    if (ds.length === 0) throw new Error('no diagnostics from the server');
    await client.stop();
  }
  const client = await new TestClient().start();
  const before = rssMb(client.child.pid!);
  const t0 = performance.now();
  for (let i = 0; i < opts.documents; i++) {
    const uri = pathToFileURL(`/bench/open-${i}.report.md`).href;
    await client.open(uri, text.replace('# ', `# ${i} `));
    await client.diagnostics(uri);
  }
  const openAndCheckMs = performance.now() - t0;
  // Let the worker threads settle, then read the resident set of the whole server process.
  await new Promise((r) => setTimeout(r, 1000));
  const rss = rssMb(client.child.pid!);
  await client.stop();
  return { startToDiagnosticsMs: median(starts), startRuns: starts.length, idleRssMb: before, rssMb: rss, documents: opts.documents, openAndCheckMs };
}
