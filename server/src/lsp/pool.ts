import type { Worker } from 'node:worker_threads';
import { CHECKS_LANE, spawnAnalysisThread, workerDataFor } from './spawn.js';
import type { CancellationToken, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { FirstCheckCost } from './protocol.js';
import type { PackMember } from '../core/pack/index.js';

/** Messages to and from an analysis worker (see worker.ts). */
export type ToWorker =
  | { type: 'open'; uri: string; languageId: string; version: number; text: string }
  | { type: 'change'; uri: string; version: number; changes: TextDocumentContentChangeEvent[] }
  | { type: 'close'; uri: string }
  | { type: 'folders'; folders: string[] }
  | { type: 'invalidate' }
  /** Agenda packs in these folders changed on disk (Analyzer.packsChanged). */
  | { type: 'packsChanged'; dirs: string[] }
  /** An open report's facts for its pack changed in a check (Analyzer.packMemberChanged). */
  | { type: 'packMember'; file: string; member: PackMember }
  | { type: 'cancel'; id: number }
  | { type: 'job'; id: number; kind: string; params: unknown };

export type FromWorker =
  | { type: 'ready'; codeCache: string }
  | { type: 'started'; id: number }
  /** What the thread answered may now be more complete (the dictionary arrived): ask the client to pull again. */
  | { type: 'refresh' }
  /** The thread gave memory back after a burst of work (idle-gc.ts). */
  | { type: 'collected' }
  /** Sent once, with the answer to the thread's first check. */
  | { type: 'firstCheck'; cost: FirstCheckCost }
  | { type: 'result'; id: number; value?: unknown; error?: string; cancelled?: boolean };

/** Jobs for no document that take a moment (busyWithOther). */
const BRIEF_JOBS = new Set(['configProblems', 'templates', 'forgetPreview', 'packMemberKey']);

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Pending {
  kind: string;
  params: unknown;
  heavy: boolean;
  resolve(v: unknown): void;
  reject(e: unknown): void;
  settled: boolean;
}

export interface PoolStats {
  skipped: number;
  aborted: number;
  workerStarts: number;
  /** How the checking thread's code loaded: from V8's code cache ('used'), or not. */
  codeCache?: string;
  /** Idle collections run by the analysis threads (idle-gc.ts). */
  idleCollections: number;
  /** What the checking thread had loaded when it answered its first check. */
  firstCheck?: FirstCheckCost;
}

/** What a fresh worker must be told to catch up: the open documents and the folders. */
export interface MirrorState {
  folders: string[];
  documents: { uri: string; languageId: string; version: number; text: string }[];
}

/**
 * One analysis worker thread seen from the connection's thread. Jobs are cancellable:
 * a queued job is dropped; a running job on a large document is stopped by replacing
 * the thread (the new one is given the open documents and the other queued jobs).
 */
export class AnalysisWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private running: number | undefined;
  private disposed = false;

  /** Called when the thread's answers may have become more complete (its dictionary arrived). */
  onRefresh?: () => void;

  constructor(
    private readonly name: string,
    private readonly script: string,
    private readonly mirror: () => MirrorState,
    private readonly stats: PoolStats,
    private readonly log: (msg: string) => void,
    /** A thread already started for this lane (by the entry, before the server code loaded). */
    prestarted?: Worker,
  ) {
    // Adopted at once, so its events (an early exit included) are never missed.
    if (prestarted) this.adopt(prestarted);
  }

  private ensure(): Worker {
    return this.worker ?? this.adopt(spawnAnalysisThread(this.script, workerDataFor(this.name)));
  }

  private adopt(w: Worker): Worker {
    this.worker = w;
    this.stats.workerStarts++;
    w.on('message', (m: FromWorker) => this.onMessage(w, m));
    w.on('error', (e) => this.log(`${this.name} worker error: ${e.stack ?? e.message}`));
    w.on('exit', (code) => {
      if (this.worker !== w || this.disposed) return;
      // Died on its own: start again and resend what was waiting.
      this.log(`${this.name} worker exited (${code}); restarting`);
      this.worker = undefined;
      this.restart();
    });
    const state = this.mirror();
    w.postMessage({ type: 'folders', folders: state.folders } satisfies ToWorker);
    for (const d of state.documents) w.postMessage({ type: 'open', ...d } satisfies ToWorker);
    return w;
  }

  /** Starts a new thread and re-posts every job not yet answered. */
  private restart(): void {
    this.running = undefined;
    const w = this.ensure();
    for (const [id, p] of this.pending) {
      if (p.settled) this.pending.delete(id);
      else w.postMessage({ type: 'job', id, kind: p.kind, params: p.params } satisfies ToWorker);
    }
  }

  private onMessage(w: Worker, m: FromWorker): void {
    if (w !== this.worker) return;
    if (m.type === 'ready') {
      if (this.name === CHECKS_LANE) this.stats.codeCache = m.codeCache;
      return;
    }
    if (m.type === 'started') {
      this.running = m.id;
      return;
    }
    if (m.type === 'refresh') {
      this.onRefresh?.();
      return;
    }
    if (m.type === 'collected') {
      this.stats.idleCollections++;
      return;
    }
    if (m.type === 'firstCheck') {
      if (this.name === CHECKS_LANE) this.stats.firstCheck ??= m.cost;
      return;
    }
    if (this.running === m.id) this.running = undefined;
    const p = this.pending.get(m.id);
    this.pending.delete(m.id);
    if (!p || p.settled) return;
    p.settled = true;
    if (m.cancelled) p.reject(new Cancelled());
    else if (m.error !== undefined) p.reject(new Error(m.error));
    else p.resolve(m.value);
  }

  post(m: ToWorker): void {
    if (!this.worker) return; // a new worker is given the current state when it starts
    this.worker.postMessage(m);
  }

  run<T>(kind: string, params: unknown, token?: CancellationToken, heavy = false): Promise<T> {
    if (token?.isCancellationRequested) {
      this.stats.skipped++;
      return Promise.reject(new Cancelled());
    }
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const p: Pending = { kind, params, heavy, resolve: resolve as (v: unknown) => void, reject, settled: false };
      this.pending.set(id, p);
      w.postMessage({ type: 'job', id, kind, params } satisfies ToWorker);
      token?.onCancellationRequested(() => this.cancel(id));
    });
  }

  private cancel(id: number): void {
    const p = this.pending.get(id);
    if (!p || p.settled) return;
    p.settled = true;
    p.reject(new Cancelled());
    if (this.running === id) {
      if (p.heavy && this.worker) {
        // Stop the long check now rather than let it finish for nothing.
        this.stats.aborted++;
        this.pending.delete(id);
        const old = this.worker;
        this.worker = undefined;
        void old.terminate();
        this.restart();
      }
      // A short job finishes soon; its result is dropped.
      return;
    }
    this.stats.skipped++;
    this.post({ type: 'cancel', id });
  }

  /**
   * Whether a job not yet answered is for a document other than `uri` (queued or running).
   * Reading the config files and listing the templates are for no document and brief: the
   * config files read when the first report opens must not send that report's first check
   * to a thread that has yet to start and load the checker, past the one started for it.
   */
  busyWithOther(uri: string): boolean {
    for (const p of this.pending.values()) if (!p.settled && !BRIEF_JOBS.has(p.kind) && (p.params as { uri?: string } | undefined)?.uri !== uri) return true;
    return false;
  }

  /** Whether every job given to this thread has been answered. */
  idle(): boolean {
    for (const p of this.pending.values()) if (!p.settled) return false;
    return true;
  }

  /** Kinds and params of the job running now, if any (for stats). */
  runningJob(): { kind: string; params: unknown } | undefined {
    const p = this.running !== undefined ? this.pending.get(this.running) : undefined;
    return p && !p.settled ? { kind: p.kind, params: p.params } : undefined;
  }

  dispose(): void {
    this.disposed = true;
    for (const p of this.pending.values()) if (!p.settled) p.reject(new Cancelled());
    this.pending.clear();
    void this.worker?.terminate();
    this.worker = undefined;
  }
}
