import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';

/**
 * The real reports of the seed agenda packs (test/seeds, with EXPECTED.md): the
 * template and front-matter problems a governance officer flagged are found, on the
 * line EXPECTED.md gives; a missing section on the line where it belongs (the blank line
 * after the section before it, or the end of the last line), which may be a line or two
 * from EXPECTED.md's. (Other categories lock their seed findings in their own tests.)
 */
const dir = join(import.meta.dirname, '..', 'seeds');

const EXPECTED: [file: string, line: number, rule: string, about: RegExp][] = [
  ['c1-families-first-2026', 1, 'metadata/missing-key', /"committee"/],
  ['c1-families-first-2026', 133, 'structure/empty-section', /Summary of appendices/],
  ['c2-sce-priorities-performance-2026', 72, 'structure/empty-section', /Background information/],
  ['c2-sce-priorities-performance-2026', 74, 'structure/empty-section', /Summary of appendices/],
  ['c2-sce-priorities-performance-2026', 74, 'structure/required-section', /private report/],
  ['c2-sce-priorities-performance-2026', 74, 'structure/required-section', /key decision/],
  ['c3-equality-diversity-development-2026', 132, 'structure/empty-section', /Summary of appendices/],
  ['c3-equality-diversity-development-2026', 133, 'structure/required-section', /private report/],
  ['c3-equality-diversity-development-2026', 133, 'structure/required-section', /key decision/],
  ['c5-lscpb-yearly-report-2024', 1, 'metadata/missing-key', /"version"/],
  ['c5-lscpb-yearly-report-2024', 54, 'structure/heading-wording', /Climate Emergency implications/],
  ['c5-lscpb-yearly-report-2024', 60, 'structure/heading-wording', /Equalities implications/],
  ['c5-lscpb-yearly-report-2024', 88, 'structure/required-section', /key decision/],
  ['c5-lscpb-yearly-report-2024', 86, 'structure/heading-wording', /"7\. Is this a private report\?" stands where the template's "7\. Is this a private report \(If so/],
  ['c6-improvement-plan-2025', 1, 'metadata/missing-key', /"committee"/],
  ['c7-children-seeking-safety-2025', 122, 'structure/empty-section', /Summary of appendices/],
  ['c7-children-seeking-safety-2025', 128, 'structure/unanswered-question', /key decision/],
  ['c8-families-first-2025', 1, 'metadata/missing-key', /"committee"/],
  ['k1-tsil-programme-2023', 187, 'structure/section-order', /Circulation under the Local Issues Alert Procedure/],
];

for (const [file, line, rule, about] of EXPECTED) {
  test(`${file}:${line} ${rule} ${about.source}`, () => {
    const text = readFileSync(join(dir, `${file}.report.md`), 'utf8');
    const found = checkReport(text, { today: '2026-02-20' }).findings.filter((f) => f.ruleId === rule && f.range.start.line + 1 === line);
    assert.ok(
      found.some((f) => about.test(f.message)),
      `not found; ${rule} reports: ${JSON.stringify(found.map((f) => f.message))}`,
    );
  });
}

test('the hybrid form (c9: "3. Detailed Report" in the executive form) is a variant, not missing sections', () => {
  const text = readFileSync(join(dir, 'c9-early-years-entitlements-2025.report.md'), 'utf8');
  const result = checkReport(text, { today: '2026-02-20' });
  assert.equal(result.match?.bySpec.get('detailed-report')?.section.heading.text, '3. Detailed Report');
  const structural = result.findings.filter((f) => f.ruleId === 'structure/required-section' || f.ruleId === 'structure/heading-wording');
  assert.deepEqual(structural.map((f) => f.message), []);
});

test('headings as the forms print them (colons, "Implications") give no heading findings on any seed', () => {
  for (const file of ['c1-families-first-2026', 'c2-sce-priorities-performance-2026', 'c3-equality-diversity-development-2026', 'c4-hnb-recovery-plan-2024', 'c6-improvement-plan-2025', 'c8-families-first-2025', 'c9-early-years-entitlements-2025']) {
    const text = readFileSync(join(dir, `${file}.report.md`), 'utf8');
    const headings = checkReport(text, { today: '2026-02-20' }).findings.filter((f) => f.ruleId === 'structure/heading-style' || f.ruleId === 'structure/heading-wording');
    assert.deepEqual(headings.map((f) => `${f.range.start.line + 1} ${f.message}`), [], file);
  }
});

test('the county reports without template slips give no structure findings', () => {
  for (const file of ['k2-stable-homes-2023', 'k3-performance-q3-2023', 'k4-tsil-update-2024']) {
    const text = readFileSync(join(dir, `${file}.report.md`), 'utf8');
    const structural = checkReport(text, { today: '2026-02-20' }).findings.filter((f) => f.ruleId.startsWith('structure/') || f.ruleId.startsWith('metadata/'));
    assert.deepEqual(structural.map((f) => `${f.range.start.line + 1} ${f.ruleId}`), [], file);
  }
});
