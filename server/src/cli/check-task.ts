import { readFileSync } from 'node:fs';
import { checkReport, fixReport } from '../core/check.js';
import { packFactsOf, type PackFacts } from '../core/pack/index.js';
import { withoutPackRules } from '../core/pack/run.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import type { Finding } from '../core/types.js';

/** A finding as the CLI keeps it: no output format prints fixes (--fix applies them where the report is checked). */
export function withoutFixes(f: Finding): Finding {
  return f.fixes.length === 0 ? f : { ...f, fixes: [] };
}

/** One report to check, as plain data (it may go to a worker thread). */
export interface FileTask {
  file: string;
  /** The folder whose configuration applies (see `loadWorkspaceSettings`). */
  settingsDir: string;
  /**
   * The report's text, when the caller has read it already (to hash it for the cache);
   * otherwise the thread that checks the report reads it, so that a folder's reports are
   * read by the worker threads side by side instead of all by the main thread first.
   */
  text?: string;
  appendixFiles: string[];
  today?: string;
  fix: boolean;
}

/**
 * A report checked without its pack: its findings (pack rules left out, fixes left out), how many rules
 * failed, the facts the pack rules read (none for a file that is not text), and the
 * fixed text when `--fix` changed it. Plain data: it comes back from a worker and goes
 * into the cache file.
 */
export interface FileOutcome {
  /** Why the report could not be read (`checkFileTask` read it): nothing else is set. */
  unreadable?: string;
  findings: Finding[];
  ruleErrors: number;
  facts?: PackFacts;
  fixedText?: string;
}

const RULES_WITHOUT_PACK = withoutPackRules();

/** Checks one report with every rule but the pack rules (those run once the whole pack is known: check-run.ts). */
export function checkFileTask(task: FileTask, settings: WorkspaceSettings): FileOutcome {
  let text = task.text;
  if (text === undefined) {
    try {
      text = readFileSync(task.file, 'utf8');
    } catch (e) {
      return { unreadable: e instanceof Error ? e.message : String(e), findings: [], ruleErrors: 0 };
    }
  }
  const opts = { profiles: settings.profiles, config: settings.config, appendixFiles: task.appendixFiles, rules: RULES_WITHOUT_PACK, ...(task.today ? { today: task.today } : {}) };
  let fixedText: string | undefined;
  let result;
  if (task.fix) {
    const fixed = fixReport(text, opts);
    if (fixed.text !== text) fixedText = fixed.text;
    result = fixed.result;
  } else {
    result = checkReport(text, opts);
  }
  // The fixes are applied above with --fix; no output format prints them, so they are not
  // sent back from the worker nor kept in the cache.
  const outcome: FileOutcome = { findings: result.findings.map(withoutFixes), ruleErrors: result.ruleErrors.length };
  if (result.model) outcome.facts = packFactsOf(result.model, result.profile, result.match);
  if (fixedText !== undefined) outcome.fixedText = fixedText;
  return outcome;
}
