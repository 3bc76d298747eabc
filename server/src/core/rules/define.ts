import { z } from 'zod';
import type { Finding, Fix, Range, RelatedLocation, RuleCategory, Severity, Unchanged } from '../types.js';
import type { ReportModel, Unit } from '../model.js';
import type { Profile } from '../templates/schema.js';
import type { TemplateMatch } from '../templates/match.js';
import type { ProfileRegistry } from '../templates/loader.js';
import type { ResolvedConfig } from '../config.js';
import type { PackContext } from '../pack/types.js';

export interface RuleDocs {
  /** What the rule checks and why governance staff care. */
  why: string;
  /** A draft fragment the rule reports. */
  bad: string;
  /** The same fragment written to the template. */
  good: string;
}

export interface ReportInput {
  message: string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
}


export interface RuleContext<O> {
  model: ReportModel;
  /** The report's template profile, when `template:` names a known one. */
  profile: Profile | undefined;
  match: TemplateMatch | undefined;
  profiles: ProfileRegistry;
  config: ResolvedConfig;
  options: O;
  /** Today's date as `yyyy-mm-dd` (fixed in tests). */
  today: string;
  /** Files beside the report that are its appendices, when the caller knows them. */
  appendixFiles?: readonly string[] | undefined;
  /** The agenda pack the report is checked in, when it is in one. */
  pack?: PackContext | undefined;
  report(finding: ReportInput): void;
  /**
   * Checks one part of the report (an acronym, a date) on its own: what `check` reports is
   * filed under `key`. When `unchanged` says the part is as it was at the session's
   * previous check, and the rule ran then with the same settings, what it reported under
   * `key` then is reported again and `check` does not run: on the lines the edit moved
   * them to, so an `unchanged` that holds after an edit that moved lines must mean that
   * the key's places are all in units the edit kept and that its messages name no line.
   * Calls do not nest. (`check`
   * gets the key, so that a loop can pass one function instead of a closure per item.)
   */
  keyed<K extends string | object>(key: K, unchanged: Unchanged | undefined, check: (key: K) => void): void;
  /**
   * Checks every top-level unit of the report (`model.units`) on its own, in document
   * order, once per check: what `check` reports for a unit depends on that unit alone.
   * In an editing session, when `reuse` holds (nothing document-wide the rule reads has
   * changed) and the rule ran on the previous model with the same settings, only the units
   * the edit replaced are checked; what it reported for the others is reported again (on
   * the lines the edit moved them to), without a visit to each.
   */
  eachUnit(reuse: boolean, check: (unit: Unit) => void): void;
}

export interface RuleDefinition<S extends z.ZodType = z.ZodType> {
  id: `${RuleCategory}/${string}`;
  category: RuleCategory;
  title: string;
  defaultSeverity: Severity;
  fixable: boolean;
  /** Rules that need the template profile are skipped when there is none. */
  needsProfile: boolean;
  options: S;
  docs: RuleDocs;
  check(ctx: RuleContext<z.output<S>>): void;
}

export function defineRule<S extends z.ZodType = z.ZodObject<Record<string, never>>>(
  rule: Omit<RuleDefinition<S>, 'category' | 'options' | 'needsProfile'> & { options?: S; needsProfile?: boolean },
): RuleDefinition<S> {
  const category = rule.id.split('/')[0] as RuleCategory;
  return {
    ...rule,
    category,
    needsProfile: rule.needsProfile ?? true,
    options: (rule.options ?? z.object({}).strict()) as S,
  };
}

export type { Finding, Unchanged };
