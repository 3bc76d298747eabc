// Work a one-off check (no editing session) does per report beyond the rules' own (issue 18): counted, never timed.
import { test } from 'node:test';
import { z } from 'zod';
import { defineRule } from '../../server/src/core/rules/define.js';
import assert from 'node:assert/strict';
import { checkReport, contextWork } from '../../server/src/core/check.js';
import { buildModel, ModelCache } from '../../server/src/core/model.js';
import { parseReport } from '../../server/src/core/incremental.js';
import { textWork } from '../../server/src/core/text.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { ReportSession } from '../../server/src/core/session.js';
import { findParseLimits, limitForParse, limitsWork, MAX_EMPHASIS_RUNS, MAX_NESTING_COLUMNS, MAX_TABLE_CELLS } from '../../server/src/core/limits.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { FIXTURE_TODAY } from './helpers.js';
import { seedReports } from './seed-reports.js';

installDictionary();
const seedTexts = seedReports().map((s) => s.text);

test('a report with too few markers, lines and pipes for any parse limit is not scanned line by line for them', () => {
  const scanned = limitsWork.scannedChars;
  const clear = limitsWork.clearTexts;
  for (const text of seedTexts) checkReport(text, { today: FIXTURE_TODAY });
  assert.equal(limitsWork.scannedChars - scanned, 0);
  // Each chunk the parser masks, and the whole text for structure/beyond-limits.
  assert.ok(limitsWork.clearTexts - clear >= 2 * seedTexts.length);
});

test('the parse limits are still found at their thresholds, where the counts cannot rule them out', () => {
  // Nesting: 25 tabs are 100 columns; a marker after them passes the limit.
  const deep = '\t'.repeat(MAX_NESTING_COLUMNS / 4) + '> x\n';
  assert.deepEqual(findParseLimits(deep).map((l) => l.kind), ['nesting']);
  assert.deepEqual(findParseLimits('para\n' + deep).map((l) => l.kind), ['nesting']);
  assert.notEqual(limitForParse(deep), deep);
  // Emphasis: one run past the limit in one paragraph.
  const runs = 'a*'.repeat(MAX_EMPHASIS_RUNS + 1);
  assert.deepEqual(findParseLimits(runs).map((l) => l.kind), ['emphasis']);
  assert.deepEqual(findParseLimits('a*'.repeat(MAX_EMPHASIS_RUNS)), []);
  // A table: rows without pipes count a cell each.
  const table = 'h | i\n--|--\n' + 'x\n'.repeat(MAX_TABLE_CELLS);
  assert.deepEqual(findParseLimits(table).map((l) => l.kind), ['table']);
  const wide = '|' + 'a|'.repeat(MAX_TABLE_CELLS + 1) + '\n|' + '-|'.repeat(MAX_TABLE_CELLS + 1) + '\n';
  assert.deepEqual(findParseLimits(wide).map((l) => l.kind), ['table']);
});

test('a one-off check makes one set of context functions for all its rules, and files each finding under its rule', () => {
  const text = seedTexts[0]!;
  const made = contextWork.functions;
  const contexts = contextWork.contexts;
  const result = checkReport(text, { today: FIXTURE_TODAY });
  // Three (report, keyed, eachUnit) for the check, not three per rule; and one context.
  assert.equal(contextWork.functions - made, 3);
  assert.equal(contextWork.contexts - contexts, 1);
  assert.ok(RULES.length > 10);
  // Each finding carries the id and severity of the rule that reported it.
  const byId = new Map(RULES.map((r) => [r.id as string, r]));
  assert.ok(result.findings.length > 0);
  for (const f of result.findings) {
    const rule = byId.get(f.ruleId);
    assert.ok(rule, f.ruleId);
    assert.equal(f.severity, defaultConfig(RULES).rules.get(f.ruleId)?.severity ?? rule.defaultSeverity);
  }
  // The same as a session's first check, which keeps its findings rule by rule.
  assert.deepEqual(new ReportSession().check(text, { today: FIXTURE_TODAY }).findings, result.findings);
});

test('a one-off model keeps its blocks\' and headings\' text as slices; a session\'s model copies them (kept across edits)', () => {
  const text = seedTexts[0]!;
  const tree = parseReport(text);
  const before = textWork.owned;
  const model = buildModel(text, tree);
  assert.ok(model.blocks.length > 5 && model.headings.length > 2);
  assert.equal(textWork.owned - before, 0);
  const inSession = textWork.owned;
  const kept = buildModel(text, parseReport(text), new ModelCache());
  assert.ok(textWork.owned - inSession >= kept.blocks.filter((b) => b.source.length >= 13).length);
  assert.deepEqual(kept.blocks.map((b) => b.source), model.blocks.map((b) => b.source));
  assert.deepEqual(kept.headings, model.headings);
});

test("the one context of a one-off check gives each rule its own options, in a session as out of one", () => {
  const text = seedTexts[0]!;
  const seen: [string, unknown][] = [];
  const probe = (id: string, limit: number) =>
    defineRule({
      id: id as never,
      title: id,
      defaultSeverity: 'info',
      fixable: false,
      needsProfile: false,
      options: z.object({ limit: z.number().default(limit) }),
      docs: { why: '', bad: '', good: '' },
      check(ctx) {
        seen.push([id, ctx.options]);
      },
    });
  const rules = [probe('prose/probe-a', 1), probe('prose/probe-b', 2), probe('prose/probe-c', 3)];
  const config = defaultConfig(rules);
  config.rules.get('prose/probe-b')!.options = { limit: 20 };
  checkReport(text, { today: FIXTURE_TODAY, rules, config });
  const expected = [['prose/probe-a', { limit: 1 }], ['prose/probe-b', { limit: 20 }], ['prose/probe-c', { limit: 3 }]];
  assert.deepEqual(seen, expected);
  seen.length = 0;
  new ReportSession().check(text, { today: FIXTURE_TODAY, rules, config });
  assert.deepEqual(seen, expected);
});
