import type { ModelCache, Unit } from './model.js';
import { buildModel, spliceJoined, type ReportModel } from './model.js';
import type { Root } from 'mdast';
import { parseReport } from './incremental.js';
import { ProfileRegistry } from './templates/loader.js';
import { matchTemplate, type TemplateMatch } from './templates/match.js';
import type { Profile } from './templates/schema.js';
import { defaultConfig, type ResolvedConfig } from './config.js';
import { RULES } from './rules/index.js';
import type { RuleDefinition, RuleContext, ReportInput } from './rules/define.js';
import { applyReportSuppressions } from './suppress.js';
import { applyFixes } from './fix.js';
import { compareRanges, ownString } from './text.js';
import { entryText } from './frontmatter.js';
import type { Finding, Position, Range, Severity } from './types.js';
import { todayIso } from './today.js';
import { beyondLimits, MAX_REPORT_CHARS } from './structure/structure-beyond-limits.js';
import type { PackContext } from './pack/types.js';

export { todayIso };

export interface CheckOptions {
  profiles?: ProfileRegistry;
  config?: ResolvedConfig;
  /** `yyyy-mm-dd`; defaults to the current date. */
  today?: string;
  rules?: readonly RuleDefinition[];
  /** Files beside the report that are its appendices (`<report>.appendix-X.<ext>`; see crossref/analysis.ts). */
  appendixFiles?: readonly string[];
  /** The agenda pack the report is checked in (see pack/), for the `pack/*` rules. */
  pack?: PackContext;
}

export interface CheckResult {
  findings: Finding[];
  model?: ReportModel;
  profile?: Profile;
  match?: TemplateMatch;
  /** Rules that threw; the rest of the check still ran. */
  ruleErrors: { ruleId: string; error: string }[];
}

const defaultRegistry = new ProfileRegistry();
let defaultCfg: ResolvedConfig | undefined;

export function defaultCheckEnv(opts: CheckOptions = {}): { profiles: ProfileRegistry; config: ResolvedConfig; today: string; rules: readonly RuleDefinition[]; appendixFiles: readonly string[] | undefined; pack: PackContext | undefined } {
  return {
    appendixFiles: opts.appendixFiles,
    pack: opts.pack,
    rules: opts.rules ?? RULES,
    config: opts.config ?? (defaultCfg ??= defaultConfig(RULES)),
    profiles: opts.profiles ?? defaultRegistry,
    today: opts.today ?? todayIso(),
  };
}


export interface Analysis {
  model: ReportModel;
  profile?: Profile;
  match?: TemplateMatch;
}

/** Parse, build the report model and match it to its template profile. */
export function analyseReport(text: string, profiles: ProfileRegistry = defaultRegistry, config?: ResolvedConfig, parsed?: { tree: Root; cache: ModelCache }): Analysis {
  const model = parsed ? buildModel(text, parsed.tree, parsed.cache) : buildModel(text, parseReport(text));
  const templateId = entryText(model.frontMatter.byKey.get('template')) || config?.defaultTemplate || '';
  const profile = templateId ? profiles.get(templateId) : undefined;
  const analysis: Analysis = { model };
  if (profile) {
    analysis.profile = profile;
    analysis.match = matchTemplate(model, profile);
  }
  return analysis;
}

/**
 * What a rule reported at the session's last check, on model number `serial`, with the
 * settings it ran with (its severity and options are the configuration's): by key (see
 * `RuleContext.keyed`), and by unit (see `RuleContext.eachUnit`).
 */
interface KeptFindings {
  serial: number;
  config: ResolvedConfig;
  profile: Profile | undefined;
  today: string;
  byKey: Map<string | object, Finding[]> | undefined;
  byUnit: UnitFindings | undefined;
}

/**
 * A rule's findings by unit: `findings` in document order, `ends[i]` the end in it of unit
 * `i`'s (a list spliced at the units an edit replaced, like `joinUnits`).
 */
interface UnitFindings {
  findings: Finding[];
  ends: number[];
}

const keptFindings = new WeakMap<ModelCache, Map<string, KeptFindings>>();

/** Work counted for tests: `keyed` calls (and those that ran the check), and units checked or passed over by `eachUnit`. */
export const ruleWork = { keyed: 0, keyedChecked: 0, unitsChecked: 0, unitsVisited: 0 };

/** A rule's severity and options in a configuration, or undefined when it does not run. */
export function ruleSetting(rule: RuleDefinition, config: ResolvedConfig, hasProfile: boolean): { severity: Severity; options: unknown } | undefined {
  const severity = ruleSeverity(rule, config, hasProfile);
  return severity === undefined ? undefined : { severity, options: ruleOptions(rule, config) };
}

/** A rule's severity in a configuration, or undefined when it does not run (see `ruleSetting`). */
function ruleSeverity(rule: RuleDefinition, config: ResolvedConfig, hasProfile: boolean): Severity | undefined {
  const severity = config.rules.get(rule.id)?.severity ?? rule.defaultSeverity;
  if (severity === 'off') return undefined;
  if (rule.needsProfile && !hasProfile) return undefined;
  return severity;
}

/** A rule's options in a configuration (see `ruleSetting`). */
function ruleOptions(rule: RuleDefinition, config: ResolvedConfig): unknown {
  return config.rules.get(rule.id)?.options ?? rule.options.parse({});
}

/** Work counted for tests: the `report`, `keyed` and `eachUnit` functions `runRules` made for its rules' contexts, and the contexts of a one-off check. */
export const contextWork = { functions: 0, contexts: 0 };

/** What a rule reported, as a finding of the rule with its severity. */
export function toFinding(ruleId: string, severity: Severity, f: ReportInput): Finding {
  const finding: Finding = { ruleId, severity, message: f.message, range: f.range, fixes: f.fixes ?? [] };
  if (f.related) finding.related = f.related;
  return finding;
}

/** Runs rules over an analysed report. A rule that throws is recorded, never fatal. */
export function runRules(
  analysis: Analysis,
  rules: readonly RuleDefinition[],
  env: { profiles: ProfileRegistry; config: ResolvedConfig; today: string; appendixFiles?: readonly string[] | undefined; pack?: PackContext | undefined },
): { findings: Finding[]; ruleErrors: CheckResult['ruleErrors'] } {
  const { model, profile, match } = analysis;
  const { config, profiles, today } = env;
  const findings: Finding[] = [];
  const ruleErrors: CheckResult['ruleErrors'] = [];
  let kept = model.session ? keptFindings.get(model.session) : undefined;
  if (model.session && !kept) keptFindings.set(model.session, (kept = new Map()));
  // An edit that moved lines: findings kept (by key or by unit) on the previous model's line `moveFrom`
  // or after move by `dLine` lines (a key is unchanged only if its places are in units the
  // edit kept, and the units after the edit moved by whole lines).
  const sp0 = model.splice;
  const dLine = sp0?.dLine ?? 0;
  let moveFrom = Infinity;
  if (sp0 && dLine !== 0) {
    const next = model.units[sp0.at + sp0.added];
    if (next) moveFrom = next.line - 1 - dLine;
  }
  if (!kept) {
    // A one-off check (no session): nothing is kept for a later check, so every rule's
    // context shares one set of functions, filing under the rule that runs.
    let ruleId = '';
    let severity: Severity = 'error';
    contextWork.functions += 3;
    const report = (f: ReportInput): void => {
      findings.push(toFinding(ruleId, severity, f));
    };
    const keyed = <K extends string | object>(key: K, _unchanged: unknown, check: (key: K) => void): void => {
      ruleWork.keyed++;
      check(key);
    };
    const eachUnit = (_reuse: boolean, check: (unit: Unit) => void): void => {
      const units = model.units;
      ruleWork.unitsChecked += units.length;
      for (let i = 0; i < units.length; i++) check(units[i]!);
    };
    // And one context, its options those of the rule that runs: an object spread for each
    // rule's context cost more than any other step of the rules' loop (measured 2026-12-05).
    contextWork.contexts++;
    const ctx: { -readonly [K in keyof RuleContext<unknown>]: RuleContext<unknown>[K] } = { model, profile, match, profiles, config, today, appendixFiles: env.appendixFiles, pack: env.pack, options: undefined, report, keyed, eachUnit };
    for (const rule of rules) {
      const s = ruleSeverity(rule, config, profile !== undefined);
      if (s === undefined) continue;
      ruleId = rule.id;
      severity = s;
      ctx.options = ruleOptions(rule, config);
      try {
        rule.check(ctx as never);
      } catch (e) {
        ruleErrors.push({ ruleId: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
      }
    }
    return { findings, ruleErrors };
  }
  for (const rule of rules) {
    const setting = ruleSetting(rule, config, profile !== undefined);
    if (!setting) continue;
    const { severity, options } = setting;
    contextWork.functions += 3;
    const last = kept?.get(rule.id);
    kept?.delete(rule.id);
    const before = last && last.config === config && last.profile === profile && last.today === today ? last : undefined;
    let byKey: Map<string | object, Finding[]> | undefined;
    let byUnit: UnitFindings | undefined;
    // Where `report` files a finding: the list of the key or unit being checked, else the findings.
    let filing: Finding[] = findings;
    // Its fields written out, not spread from one object (as the one-off context above).
    const ctx: RuleContext<unknown> = {
      model,
      profile,
      match,
      profiles,
      config,
      today,
      appendixFiles: env.appendixFiles,
      pack: env.pack,
      options,
      report: (f) => {
        filing.push(toFinding(rule.id, severity, f));
      },
      keyed: !kept
        ? // No session: nothing is kept for a later check.
          (key, _unchanged, check) => {
            ruleWork.keyed++;
            check(key);
          }
        : (key, unchanged, check) => {
            ruleWork.keyed++;
            byKey ??= new Map();
            if (before?.byKey && unchanged && unchanged.since === before.serial && unchanged.has(key)) {
              let again = before.byKey.get(key);
              if (again) {
                if (moveFrom !== Infinity) again = movedFindings(again, moveFrom, dLine);
                for (let i = 0; i < again.length; i++) findings.push(again[i]!);
                byKey.set(key, again);
              }
              return;
            }
            const mine: Finding[] = [];
            filing = mine;
            ruleWork.keyedChecked++;
            try {
              check(key);
            } finally {
              filing = findings;
            }
            if (mine.length > 0) {
              // Kept for later checks: their words must not keep this version of the text
              // alive, and their places are their own (a rule may report a range its
              // analysis keeps and moves in place after an edit, see `movedFindings`).
              for (let i = 0; i < mine.length; i++) {
                ownFindingStrings(mine[i]!);
                mine[i] = ownRanges(mine[i]!);
                findings.push(mine[i]!);
              }
              byKey.set(key, mine);
            }
          },
      eachUnit: (reuse, check) => {
        const units = model.units;
        if (!kept) {
          ruleWork.unitsChecked += units.length;
          for (let i = 0; i < units.length; i++) check(units[i]!);
          return;
        }
        if (byUnit) throw new Error('eachUnit is called once per check');
        const sp = model.splice;
        const prev = reuse && sp && before?.byUnit && before.serial === sp.prevSerial ? before.byUnit : undefined;
        const mine: Finding[] = [];
        filing = mine;
        try {
          if (prev && sp) {
            // In place: the previous model's list, with the findings of the units the edit replaced swapped.
            const freshEnds: number[] = [];
            ruleWork.unitsChecked += sp.added;
            for (let ui = sp.at; ui < sp.at + sp.added; ui++) {
              check(units[ui]!);
              freshEnds.push(mine.length);
            }
            for (let i = 0; i < mine.length; i++) ownFindingStrings(mine[i]!);
            const list = prev.findings;
            const a = spliceJoined(list, prev.ends, sp, mine, freshEnds);
            // The units after the edit moved by whole lines: so do their findings (copies, as
            // the previous check's result holds these).
            if (moveFrom !== Infinity) for (let i = a + mine.length; i < list.length; i++) list[i] = movedFinding(list[i]!, moveFrom, dLine);
            byUnit = prev;
          } else {
            const ends: number[] = [];
            ruleWork.unitsChecked += units.length;
            for (let ui = 0; ui < units.length; ui++) {
              check(units[ui]!);
              ends.push(mine.length);
            }
            for (let i = 0; i < mine.length; i++) ownFindingStrings(mine[i]!);
            byUnit = { findings: mine, ends };
          }
        } finally {
          filing = findings;
        }
        const list = byUnit.findings;
        for (let i = 0; i < list.length; i++) findings.push(list[i]!);
      },
    };
    try {
      rule.check(ctx as never);
      if (kept && (byKey || byUnit) && model.serial !== undefined) kept.set(rule.id, { serial: model.serial, config, profile, today, byKey, byUnit });
    } catch (e) {
      ruleErrors.push({ ruleId: rule.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  }
  return { findings, ruleErrors };
}

/**
 * Findings with their positions on line `from` or after moved by `dLine` lines: the list
 * itself when none is there, else a copy with copies of the findings that move (the
 * previous check's result holds these).
 */
function movedFindings(list: Finding[], from: number, dLine: number): Finding[] {
  let out: Finding[] | undefined;
  for (let i = 0; i < list.length; i++) {
    const f = list[i]!;
    if (!reaches(f, from)) continue;
    out ??= list.slice();
    out[i] = movedFinding(f, from, dLine);
  }
  return out ?? list;
}

/** Whether a finding has a position on line `from` or after. */
function reaches(f: Finding, from: number): boolean {
  if (f.range.end.line >= from || f.range.start.line >= from) return true;
  for (const fix of f.fixes) for (const e of fix.edits) if (e.range.end.line >= from || e.range.start.line >= from) return true;
  if (f.related) for (const r of f.related) if (r.range.end.line >= from || r.range.start.line >= from) return true;
  return false;
}

/** A copy of a finding whose ranges (its own, its fixes', its related places') are copies of their own. */
function ownRanges(f: Finding): Finding {
  return movedFinding(f, -1, 0);
}

/** A copy of a finding with its positions on line `from` or after moved by `dLine` lines. */
function movedFinding(f: Finding, from: number, dLine: number): Finding {
  const moved: Finding = { ...f, range: movedRange(f.range, from, dLine) };
  if (f.fixes.length > 0) moved.fixes = f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: movedRange(e.range, from, dLine) })) }));
  if (f.related) moved.related = f.related.map((r) => ({ ...r, range: movedRange(r.range, from, dLine) }));
  return moved;
}

function movedRange(r: Range, from: number, dLine: number): Range {
  // Every position on line `from` or after is a new object (from -1: all of them, see `ownRanges`).
  const at = (p: Position): Position => (p.line >= from ? { line: p.line + dLine, character: p.character } : p);
  return { start: at(r.start), end: at(r.end) };
}

/** Checks one draft: parse, build the report model, match the template, run every enabled rule. */
export function checkReport(text: string, opts: CheckOptions = {}): CheckResult {
  const refused = refuseOversized(text.length);
  if (refused) return { findings: [refused], ruleErrors: [] };
  if (text.includes('\u0000')) {
    return {
      findings: [
        {
          ruleId: 'structure/not-text',
          severity: 'error',
          message: 'This file is not text (it contains NUL bytes): it cannot be a report draft.',
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
          fixes: [],
        },
      ],
      ruleErrors: [],
    };
  }
  const env = defaultCheckEnv(opts);
  return checkAnalysis(analyseReport(text, env.profiles, env.config), env);
}

/**
 * The finding for a draft too large to check (`size` in characters, or bytes for a file
 * not read yet), or undefined when the size is within the limit.
 */
export function refuseOversized(size: number): Finding | undefined {
  if (size <= MAX_REPORT_CHARS) return undefined;
  const mb = (n: number): string => (n / 1_000_000).toFixed(1);
  return {
    ruleId: beyondLimits.id,
    severity: 'error',
    message: `This file is too large to check (${mb(size)} million characters; the limit is ${mb(MAX_REPORT_CHARS)} million). A committee report is far smaller: is this the right file?`,
    range: LINE_1,
    fixes: [],
  };
}

/** Runs the rules over an analysed report, applies suppressions and sorts the findings. */
export function checkAnalysis(
  analysis: Analysis,
  opts: { profiles: ProfileRegistry; config: ResolvedConfig; today: string; rules: readonly RuleDefinition[]; appendixFiles?: readonly string[] | undefined; pack?: PackContext | undefined },
): CheckResult {
  const { findings, ruleErrors } = runRules(analysis, opts.rules, opts);
  const { model, profile, match } = analysis;
  const kept = applyReportSuppressions(model, findings);
  // A rule that failed says so (its findings are missing), whatever the suppressions say.
  for (const e of ruleErrors) kept.push(ruleErrorFinding(e));
  kept.sort(compareFindings);
  const result: CheckResult = { findings: kept, model, ruleErrors };
  if (profile) result.profile = profile;
  if (match) result.match = match;
  return result;
}

const LINE_1 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** The finding that reports a rule's failure: on line 1, naming the rule and the error. */
export function ruleErrorFinding(e: { ruleId: string; error: string }): Finding {
  const reason = e.error.split('\n')[0]!.slice(0, 200);
  return {
    ruleId: e.ruleId,
    severity: 'error',
    message: `Internal error: the rule ${e.ruleId} failed on this report (${reason}), so what it checks was not checked. Please report this with the draft.`,
    range: LINE_1,
    fixes: [],
  };
}

/** Gives a finding's strings copies of their own (see `ownString`): a message quoting the report is a slice of its text. */
function ownFindingStrings(f: Finding): void {
  f.message = ownString(f.message);
  for (const fix of f.fixes) {
    fix.title = ownString(fix.title);
    for (const e of fix.edits) e.newText = ownString(e.newText);
  }
  if (f.related) for (const r of f.related) r.message = ownString(r.message);
}

/**
 * Document order, then by rule. One rule's findings at one place keep the order it
 * reported them in (the order its fixes apply in): a rule that keeps findings by key
 * (`RuleContext.keyed`) keeps each key's in order, and two keys never share a place.
 */
export function compareFindings(a: Finding, b: Finding): number {
  // By code unit, not `localeCompare`: its first call starts ICU's collator (~8 ms) on the
  // way to the first diagnostics. Rule ids are lower-case letters, '/' and '-', which both
  // orders sort alike (a test holds every id to it).
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}

/**
 * Applies safe fixes repeatedly (at most `passes` times) until none is left, like
 * `eslint --fix`. Returns the fixed text and the findings that remain. `checked`: the
 * check of `text` with the same options, when the caller has it already.
 */
export function fixReport(text: string, opts: CheckOptions = {}, passes = 10, checked?: CheckResult): { text: string; fixed: number; result: CheckResult } {
  let current = text;
  let fixed = 0;
  let result = checked ?? checkReport(current, opts);
  for (let i = 0; i < passes; i++) {
    const fixes = result.findings.flatMap((f) => f.fixes.filter((x) => x.safe && !x.snippet).slice(0, 1));
    if (fixes.length === 0) break;
    const r = applyFixes(current, fixes);
    if (r.applied === 0 || r.text === current) break;
    fixed += r.applied;
    current = r.text;
    result = checkReport(current, opts);
  }
  return { text: current, fixed, result };
}
