import { z } from 'zod';
import { closest } from 'fastest-levenshtein';
import { readDataFile, formatPath, type DataProblem } from './datafile.js';
import { SEVERITIES, type Range, type Severity } from './types.js';
import type { RuleDefinition } from './rules/define.js';

const RuleSettingSchema = z.union([
  z.enum(['off', ...SEVERITIES]),
  z
    .object({
      severity: z.enum(['off', ...SEVERITIES]).optional(),
      options: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

export const ConfigSchema = z
  .object({
    $schema: z.string().optional(),
    rules: z.record(z.string(), RuleSettingSchema).default({}).describe('Per-rule severity ("off", "error", "warning", "info") or { severity, options }.'),
    profiles: z.array(z.string()).default([]).describe('Workspace template profile files (JSON or YAML), relative to this file.'),
    defaultTemplate: z.string().optional().describe('Profile id used for reports without a `template:` key.'),
    acronyms: z
      .object({
        common: z.array(z.string()).default([]).describe('Acronyms treated as common knowledge (never need spelling out).'),
        glossary: z.record(z.string(), z.string()).default({}).describe('Workspace glossary: acronym to expansion.'),
      })
      .strict()
      .default({ common: [], glossary: {} }),
  })
  .strict();

export type ConfigInput = z.input<typeof ConfigSchema>;

export interface RuleConfig {
  severity: Severity | 'off';
  options: Record<string, unknown>;
}

export interface ResolvedConfig {
  rules: Map<string, RuleConfig>;
  profiles: string[];
  defaultTemplate?: string;
  acronyms: { common: string[]; glossary: Record<string, string> };
}

export function defaultConfig(rules: readonly RuleDefinition[]): ResolvedConfig {
  return resolve(ConfigSchema.parse({}), rules, () => undefined, []).config;
}

/**
 * Reads and validates a config file's text. Problems (syntax, schema, unknown rule
 * ids, bad rule options) carry the exact path and range; the config that results
 * keeps every valid part and falls back to defaults for the rest.
 */
export function readConfig(
  text: string,
  rules: readonly RuleDefinition[],
): { config: ResolvedConfig; problems: DataProblem[]; locate: (path: (string | number)[], key?: boolean) => Range } {
  const res = readDataFile(text, ConfigSchema);
  if (!res.value) {
    // Keep working with defaults.
    return { config: defaultConfig(rules), problems: res.problems, locate: res.locate };
  }
  return { ...resolve(res.value, rules, res.locate, res.problems), locate: res.locate };
}

function resolve(
  value: z.output<typeof ConfigSchema>,
  rules: readonly RuleDefinition[],
  locate: (path: (string | number)[], key?: boolean) => Range | undefined,
  problems: DataProblem[],
): { config: ResolvedConfig; problems: DataProblem[] } {
  const byId = new Map<string, RuleDefinition>(rules.map((r) => [r.id, r]));
  const out = new Map<string, RuleConfig>();
  for (const r of rules) out.set(r.id, { severity: r.defaultSeverity, options: r.options.parse({}) as Record<string, unknown> });
  const ids = [...byId.keys()];
  for (const [id, setting] of Object.entries(value.rules)) {
    const rule = byId.get(id);
    const categoryMatch = rules.filter((r) => r.id.startsWith(id + '/'));
    if (!rule && categoryMatch.length === 0) {
      const near = closest(id, ids);
      problems.push({ message: `Unknown rule "${id}". Did you mean "${near}"?`, path: formatPath(['rules', id]), range: locate(['rules', id], true) ?? zero() });
      continue;
    }
    for (const r of rule ? [rule] : categoryMatch) {
      const current = out.get(r.id)!;
      if (typeof setting === 'string') {
        current.severity = setting;
        continue;
      }
      if (setting.severity) current.severity = setting.severity;
      if (setting.options) {
        const parsed = r.options.safeParse(setting.options);
        if (parsed.success) current.options = parsed.data as Record<string, unknown>;
        else {
          for (const issue of parsed.error.issues) {
            const path = ['rules', id, 'options', ...issue.path.filter((p): p is string | number => typeof p !== 'symbol')];
            problems.push({ message: issue.message, path: formatPath(path), range: locate(path) ?? zero() });
          }
        }
      }
    }
  }
  const config: ResolvedConfig = { rules: out, profiles: value.profiles, acronyms: value.acronyms };
  if (value.defaultTemplate) config.defaultTemplate = value.defaultTemplate;
  return { config, problems };
}

function zero() {
  return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
}
