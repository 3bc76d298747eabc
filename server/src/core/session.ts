import { IncrementalParser, diffRegion } from './incremental.js';
import type { TextChange } from './text.js';
import { ModelCache } from './model.js';
import { analyseReport, checkAnalysis, checkReport, defaultCheckEnv, refuseOversized, type CheckOptions, type CheckResult } from './check.js';

export type { TextChange } from './text.js';

/**
 * One open document, checked again after each edit without starting from scratch:
 * only the chunks the edit touched are parsed again, unchanged blocks keep their model
 * objects, and the rules run on the updated model. The result always equals a full
 * `checkReport` of the same text (property-tested on random edits of the seeds).
 */
export class ReportSession {
  private parser: IncrementalParser | undefined;
  private readonly cache = new ModelCache();

  constructor() {
    this.cache.settle = (unit) => this.parser?.settleAt(unit.start);
    this.cache.settleAll = () => this.parser?.settleAll();
    this.cache.parseLimits = () => this.parser?.parseLimits() ?? [];
  }
  private text: string | undefined;

  /** Characters parsed by the last check (for the benchmark and tests). */
  get lastParsedChars(): number {
    return this.parser?.stats.parsedChars ?? 0;
  }

  check(text: string, opts: CheckOptions = {}, change?: TextChange): CheckResult {
    const previous = this.text;
    // The edit since the last check (the caller's, or found by comparing the texts).
    const edit = previous === undefined ? undefined : editSince(previous, text, change);
    // The last text had no NUL: only the edited region can have brought one.
    if (refuseOversized(text.length) || (edit ? text.slice(edit.start, edit.newEnd).includes('\u0000') : previous === undefined && text.includes('\u0000'))) {
      this.parser = undefined;
      this.text = undefined;
      return checkReport(text, opts);
    }
    if (!this.parser) this.parser = new IncrementalParser(text);
    else if (edit) this.parser.update(text, edit);
    // A model not built from the last one (a check that failed part way) reads every
    // top-level node's position, which an edit leaves owed: bring them all up to date.
    const sp = this.parser.lastSplice;
    if (sp && sp.fromVersion !== this.cache.lastVersion) this.parser.settleAll();
    this.text = text;
    this.cache.change = edit;
    this.cache.treeSplice = this.parser.lastSplice;
    this.cache.parsedVersion = this.parser.version;
    const env = defaultCheckEnv(opts);
    const analysis = analyseReport(text, env.profiles, env.config, { tree: this.parser.tree, cache: this.cache });
    return checkAnalysis(analysis, env);
  }
}

/**
 * The edit that made `text` from `previous`, or undefined when they are equal. The
 * caller's change, when it fits both lengths and changes something, is taken as it is:
 * comparing two texts of 5 MB costs more than the rest of an edit's check.
 */
export function editSince(previous: string, text: string, change: TextChange | undefined): TextChange | undefined {
  if (change && change.start >= 0 && change.start <= change.oldEnd && change.oldEnd <= previous.length && change.start <= change.newEnd && previous.length - change.oldEnd + change.newEnd === text.length && (change.oldEnd > change.start || change.newEnd > change.start)) return change;
  return text === previous ? undefined : diffRegion(previous, text);
}
