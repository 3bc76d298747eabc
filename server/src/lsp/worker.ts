import { parentPort, workerData } from 'node:worker_threads';
import { Analyzer, type JobParams } from './analyzer.js';
import type { ToWorker, FromWorker } from './pool.js';
import type { WorkerData } from './spawn.js';
import { IdleCollector } from './idle-gc.js';
import type { ExportParams, RenderPreviewParams } from './protocol.js';
import type * as Renderer from '../node/render.js';
import { deferDictionary, dictionaryInstalled, dictionaryLoads, loadDictionary } from '../core/prose/dictionary.js';
import { profileValidations } from '../core/templates/loader.js';
import { profileSchemaBuilds } from '../core/templates/schema.js';
import { bodyTableBuilds } from '../core/prose/bodies.js';
import { BEFORE_DICTIONARY } from './stages.js';

export interface WorkerHooks {
  /** Called once, after the first check has been answered (thread-main.ts writes the code cache). */
  afterFirstCheck?: () => void;
  /** How the bundle was loaded (code-cache.ts), reported to the connection thread. */
  codeCache?: string;
}

/**
 * Entry of an analysis worker thread. Document updates apply at once; jobs queue and run
 * one per turn of the event loop, so a cancellation that arrives while a job runs drops
 * the queued jobs it names before they start.
 */
/**
 * The renderer (preview and export: docx, rehype...) loads on the first render, so that
 * checking threads start as fast as before it was here (esbuild runs a dynamically
 * imported module's top-level code only when it is imported).
 */
let renderer: typeof Renderer | undefined;
const render = async (): Promise<typeof Renderer> => (renderer ??= await import('../node/render.js'));

export function runWorker(hooks: WorkerHooks = {}): void {
  const port = parentPort!;
  const analyzer = new Analyzer();
  const data = workerData as WorkerData | undefined;
  if (data?.today) analyzer.today = data.today;
  const queue: Extract<ToWorker, { type: 'job' }>[] = [];
  const cancelled = new Set<number>();
  let scheduled = false;
  const post = (m: FromWorker): void => port.postMessage(m);
  const collector = data?.collectWhenIdle ? IdleCollector.forThisThread() : undefined;
  if (collector) collector.onCollected = () => post({ type: 'collected' });
  // The dictionary (a quarter of a second to load) is kept off the way to the first
  // results: a check that may answer early runs only the rules that do not read it
  // (stages.ts), which also spares a thread whose code is not yet hot the costliest
  // rules. Once that answer has gone, the dictionary is loaded and the server is told to
  // pull again: every document is then checked in full (the first one's parse is kept).
  // Its reader (node/dictionary.ts, with cspell-trie-lib and zlib) is imported only then:
  // esbuild runs a dynamically imported module's code when it is imported.
  deferDictionary();
  let beforeDictionary = true;
  let answeredEarly = false;
  const first = hooks.afterFirstCheck;
  let afterFirstCheck: (() => void) | undefined = () => {
    first?.();
    const loaded = (): void => {
      const ok = loadDictionary() !== undefined;
      beforeDictionary = false;
      if (ok) analyzer.dictionaryLoaded();
      if (ok || answeredEarly) post({ type: 'refresh' });
    };
    import('../node/dictionary.js').then(({ installDictionary }) => installDictionary(), () => undefined).then(loaded, loaded);
  };

  /** Kinds of the jobs run before the first check (stats: FirstCheckCost). */
  const jobsBefore: string[] = [];
  /**
   * The next job. Until the first check has been answered, a check waiting behind jobs
   * that read the config files goes first: the server sends those when the folders and
   * the first report open, while this thread is still loading, and they read every config
   * file, profile and agenda pack of the folders, for the problems the server shows on
   * those files. The check reads the settings of its own folder itself; those problems
   * follow the first diagnostics.
   */
  const next = (): Extract<ToWorker, { type: 'job' }> | undefined => {
    if (afterFirstCheck) {
      const i = queue.findIndex((j) => j.kind !== 'configProblems');
      if (i > 0 && queue[i]!.kind === 'check') return queue.splice(i, 1)[0];
    }
    return queue.shift();
  };

  const schedule = (): void => {
    if (scheduled || queue.length === 0) return;
    scheduled = true;
    setImmediate(drain);
  };

  const drain = (): void => {
    scheduled = false;
    const job = next();
    if (!job) return;
    if (cancelled.delete(job.id)) {
      post({ type: 'result', id: job.id, cancelled: true });
    } else {
      post({ type: 'started', id: job.id });
      if (afterFirstCheck && job.kind !== 'check') jobsBefore.push(job.kind);
      const failed = (e: unknown): void => post({ type: 'result', id: job.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      try {
        const value = run(job.kind, job.params);
        // What the first answer cost the thread's start (stats, and a test that keeps it
        // so): sent before the answer, so the server has it when the client has the answer.
        if (job.kind === 'check' && afterFirstCheck) post({ type: 'firstCheck', cost: { dictionaryInstalled: dictionaryInstalled(), dictionaryLoads: dictionaryLoads(), profileValidations: profileValidations(), profileSchemaBuilds: profileSchemaBuilds(), bodyTableBuilds: bodyTableBuilds(), jobsBefore } });
        // An export writes its file asynchronously; its answer goes when it is done.
        if (value instanceof Promise) value.then((v: unknown) => post({ type: 'result', id: job.id, value: v }), failed);
        else post({ type: 'result', id: job.id, value });
      } catch (e) {
        failed(e);
      }
      if (job.kind === 'check' && afterFirstCheck) {
        // After the answer has gone, before the next job.
        setImmediate(afterFirstCheck);
        afterFirstCheck = undefined;
      }
    }
    schedule();
    if (queue.length === 0) collector?.idle();
  };

  const run = (kind: string, params: unknown): unknown => {
    const p = params as JobParams & Record<string, unknown>;
    switch (kind) {
      case 'check': {
        const early = beforeDictionary && p.early === true;
        const done = analyzer.check(p, early ? BEFORE_DICTIONARY : undefined);
        if (done?.partial) answeredEarly = true;
        return done ?? null;
      }
      case 'fixAll':
        return analyzer.fixAll(p) ?? null;
      case 'insertMissing':
        return analyzer.insertMissing(p) ?? null;
      case 'insertGlossary':
        return analyzer.insertGlossary(p) ?? null;
      case 'symbols':
        return analyzer.symbols(p);
      case 'folding':
        return analyzer.folding(p);
      case 'completion':
        return analyzer.completion(p);
      case 'hover':
        return analyzer.hover(p);
      case 'definition':
        return analyzer.definition(p);
      case 'links':
        return analyzer.links(p);
      case 'codeLens':
        return analyzer.codeLens(p);
      case 'packMemberKey':
        return analyzer.packMemberKey(p.uri);
      case 'configProblems':
        return analyzer.configProblems(p.dirs as string[]);
      case 'templates':
        return analyzer.templates(p.uri);
      case 'newReport':
        return analyzer.newReport(p.uri, String(p.template), String(p.title ?? ''), (p.values ?? {}) as Record<string, string>) ?? null;
      case 'renderPreview':
        return render().then((r) => r.previewFor(params as RenderPreviewParams));
      case 'forgetPreview':
        renderer?.forgetPreview(String(p.key));
        return null;
      case 'export':
        return render().then((r) => r.exportFor(params as ExportParams));
      default:
        throw new Error(`unknown job ${kind}`);
    }
  };

  post({ type: 'ready', codeCache: hooks.codeCache ?? 'off' });
  port.on('message', (m: ToWorker) => {
    collector?.busy();
    switch (m.type) {
      case 'open':
        analyzer.open(m.uri, m.languageId, m.version, m.text);
        break;
      case 'change':
        analyzer.change(m.uri, m.version, m.changes);
        break;
      case 'close':
        analyzer.close(m.uri);
        break;
      case 'folders':
        analyzer.setFolders(m.folders);
        break;
      case 'invalidate':
        analyzer.invalidate();
        renderer?.clearSettingsCache();
        break;
      case 'packsChanged':
        analyzer.packsChanged(m.dirs);
        break;
      case 'packMember':
        analyzer.packMemberChanged(m.file, m.member);
        break;
      case 'cancel':
        if (queue.some((j) => j.id === m.id)) cancelled.add(m.id);
        break;
      case 'job':
        queue.push(m);
        schedule();
        break;
    }
  });
}
