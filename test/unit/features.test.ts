import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { ProfileRegistry, BUILTIN_PROFILES, flattenSpecs } from '../../server/src/core/templates/loader.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import {
  completions,
  countFindings,
  disableRuleEdit,
  enclosingSection,
  foldingRanges,
  hover,
  insertMissingSections,
  longDate,
  minimalEdit,
  newReport,
  outline,
  signOffLenses,
  withRuleOverrides,
  type FeatureContext,
} from '../../server/src/core/features.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { FIXTURE_TODAY } from './helpers.js';

const READY = readFileSync(join(import.meta.dirname, '..', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
const profiles = new ProfileRegistry();

function ctx(text: string): FeatureContext {
  const r = checkReport(text, { rules: [], today: FIXTURE_TODAY });
  return { model: r.model!, profile: r.profile, match: r.match, profiles, today: FIXTURE_TODAY };
}
const lineOf = (text: string, line: string): number => text.split('\n').indexOf(line);

describe('outline and folding', () => {
  test('front matter fields, then the heading tree marked against the template', () => {
    const text = READY.replace('## 1. Summary', '## 1 summary').replace('## 4. Background', '## Extra\n\nText.\n\n## 4. Background');
    const c = ctx(text);
    const items = outline(c.model, c.match);
    assert.deepEqual(items.map((i) => [i.name, i.kind]), [['Front matter', 'frontMatter'], ['Families First Partnership Programme', 'title']]);
    assert.equal(items[0]!.children.length, 8);
    assert.deepEqual(items[0]!.children[0], { name: 'template', detail: 'leicester-city/executive', kind: 'field', range: { start: { line: 1, character: 0 }, end: { line: 1, character: 34 } }, selectionRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 8 } }, children: [] });
    const sections = items[1]!.children;
    assert.deepEqual(sections.slice(0, 5).map((s) => [s.name, s.detail]), [
      ['1 summary', 'template: 1. Summary'],
      ['2. Recommended actions/decision', ''],
      ['3. Scrutiny / stakeholder engagement', ''],
      ['Extra', ''],
      ['4. Background and options with supporting evidence', ''],
    ]);
    assert.deepEqual(sections[5]!.children.map((s) => s.kind), ['implications', 'implications', 'implications', 'implications', 'implications']);
    assert.equal(sections[8]!.kind, 'question');
  });

  test('one fold per section and the front matter, ending on the section\'s last line', () => {
    const c = ctx(READY);
    const folds = foldingRanges(c.model);
    assert.deepEqual(folds[0], { startLine: 0, endLine: 9, kind: 'region' });
    const h1 = lineOf(READY, '## 1. Summary');
    const h2 = lineOf(READY, '## 2. Recommended actions/decision');
    assert.ok(folds.some((f) => f.startLine === h1 && f.endLine === h2 - 2));
    const lastLine = READY.trimEnd().split('\n').length - 1;
    assert.ok(folds.some((f) => f.startLine === lineOf(READY, '# Families First Partnership Programme') && f.endLine === lastLine));
  });

  test('enclosingSection is the innermost section holding a line', () => {
    const c = ctx(READY);
    assert.equal(enclosingSection(c.model, lineOf(READY, 'Dated: 9 February 2026'))?.heading.text, '5.2 Legal implications');
    assert.equal(enclosingSection(c.model, 3), undefined);
  });
});

describe('completion', () => {
  test('headings the template still needs, at the level typed and under the enclosing parent', () => {
    const text = READY.replace(/### 5\.2 Legal implications[\s\S]*?(?=### 5\.3)/, '').replace('## 6. Background information and other papers\n\nNone.\n\n', '');
    const at = lineOf(text, '### 5.3 Equalities implications');
    const typed = [...text.split('\n').slice(0, at), '###', ...text.split('\n').slice(at)].join('\n');
    const items = completions(ctx(typed), { line: at, character: 3 });
    assert.deepEqual(items.map((i) => [i.label, i.insertText, i.detail]), [['5.2 Legal implications', '### 5.2 Legal implications', 'required by leicester-city/executive']]);
    assert.deepEqual(items[0]!.range, { start: { line: at, character: 0 }, end: { line: at, character: 3 } });
    const level2 = [...text.split('\n').slice(0, at), '##', ...text.split('\n').slice(at)].join('\n');
    assert.deepEqual(completions(ctx(level2), { line: at, character: 2 }).map((i) => i.label), ['6. Background information and other papers']);
    // A blank line in 5.1: its missing siblings (and children, none here).
    const blank = lineOf(text, '### 5.3 Equalities implications') - 1;
    assert.deepEqual(completions(ctx(text), { line: blank, character: 0 }).map((i) => i.label), ['5.2 Legal implications']);
    // A blank line in 4: the missing sections at level 2 and the children of 4 (none).
    const in4 = lineOf(text, '## 5. Financial, legal, equalities, climate emergency and other implications') - 1;
    assert.deepEqual(completions(ctx(text), { line: in4, character: 0 }).map((i) => i.label), ['6. Background information and other papers']);
    // Prose is left alone.
    assert.deepEqual(completions(ctx(text), { line: lineOf(text, '1.1 The Families First Partnership (FFP) programme is a national initiative introduced by the Department for Education in March 2025. It aims to transform children\'s social care by promoting early, coordinated and family centred support.'), character: 5 }), []);
  });

  test('front-matter keys still missing (even while the YAML is broken) and values', () => {
    const text = READY.replace('wards_affected: All\n', 'war\n');
    const keys = completions(ctx(text), { line: 5, character: 3 });
    assert.deepEqual(keys.map((k) => k.label).sort(), ['decision_maker', 'wards_affected']);
    const wards = keys.find((k) => k.label === 'wards_affected')!;
    assert.equal(wards.insertText, 'wards_affected: ');
    assert.equal(wards.retrigger, true);
    assert.match(wards.detail, /Ward\(s\) affected \(required\)/);
    const date = completions(ctx(READY.replace('meeting_date: 3 March 2026', 'meeting_date: ')), { line: 3, character: 14 });
    assert.equal(date[0]!.label, longDate(FIXTURE_TODAY));
    assert.deepEqual(date[0]!.range, { start: { line: 3, character: 14 }, end: { line: 3, character: 14 } });
    const tpl = completions(ctx(READY.replace('template: leicester-city/executive', 'template: lei')), { line: 1, character: 13 });
    assert.deepEqual(tpl.map((t) => t.label), BUILTIN_PROFILES.map((p) => p.id).sort());
  });
});

describe('hover', () => {
  test('sections and front-matter keys say what the template requires', () => {
    const c = ctx(READY.replace('## 1. Summary', '## 1 summary'));
    const h = hover(c, { line: lineOf(READY, '## 1. Summary'), character: 4 })!;
    assert.equal(h.contents.split('\n\n').slice(0, 3).join(' | '), '**1. Summary** | Required by leicester-city/executive | Template wording: "1. Summary"');
    const legal = hover(c, { line: lineOf(READY, '### 5.2 Legal implications'), character: 5 })!;
    assert.match(legal.contents, /Needs a sign-off by the Principal Solicitor\./);
    const key = hover(c, { line: 3, character: 2 })!;
    assert.match(key.contents, /^\*\*Date of meeting\*\* \(`meeting_date`\): date, required by leicester-city\/executive/);
    const tpl = hover(c, { line: 1, character: 15 })!;
    assert.match(tpl.contents, /^\*\*Leicester City Council: Executive \/ decision report\*\*/);
    assert.equal(hover(c, { line: lineOf(READY, 'None.'), character: 1 }), undefined);
  });
});

describe('sign-off lenses', () => {
  test('signed with its date, awaiting, undated, and not needed', () => {
    const text = READY.replace('Signed: Sonali Unka, Principal Solicitor (social care and safeguarding - childcare)\n\nDated: 9 February 2026', '')
      .replace('Dated: 5 February 2026', '');
    const c = ctx(text);
    const lenses = signOffLenses(c.model, c.match);
    assert.deepEqual(lenses.map((l) => [l.title, l.state]), [
      ['Financial: signed 3 Feb 2026', 'signed'],
      ['Legal: awaiting sign-off', 'awaiting'],
      ['Equalities: signed, no date', 'undated'],
      ['Climate Emergency: signed 4 Feb 2026', 'signed'],
      ['Other: no sign-off needed', 'not-needed'],
    ]);
    assert.equal(lenses[0]!.tooltip, 'Signed: Mohammed Irfan, Head of Finance — Dated: 3 February 2026');
    assert.deepEqual(lenses[0]!.range.start, { line: lineOf(text, '### 5.1 Financial implications'), character: 0 });
  });
});

describe('edits', () => {
  test('insertMissingSections adds every required section in template order', () => {
    const cut = READY.slice(0, READY.indexOf('## 3. Scrutiny'));
    const r = insertMissingSections(cut, { today: FIXTURE_TODAY });
    assert.equal(r.inserted, 7);
    assert.equal(applyEdits(cut, r.edits), r.text);
    assert.deepEqual(checkReport(r.text, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'structure/required-section'), []);
    assert.deepEqual(insertMissingSections(READY, { today: FIXTURE_TODAY }), { text: READY, inserted: 0, edits: [] });
  });

  test('minimalEdit keeps the common prefix and suffix', () => {
    assert.deepEqual(minimalEdit('a\nbc\nd', 'a\nbXc\nd'), { range: { start: { line: 1, character: 1 }, end: { line: 1, character: 1 } }, newText: 'X' });
    assert.equal(applyEdits('one\ntwo\nthree', [minimalEdit('one\ntwo\nthree', 'one\n2\nthree!')]), 'one\n2\nthree!');
  });

  test('disableRuleEdit keeps the draft parsing the same', () => {
    const lines = READY.split('\n');
    const at = (n: number): string => lines[n] ?? '';
    const edit = (line: number, rule: string): string => applyEdits(READY, [disableRuleEdit(at, lines.length, line, rule).edit]);
    assert.match(edit(5, 'metadata/unknown-key'), /\nwards_affected: All # <!-- committee-report-disable-line metadata\/unknown-key -->\n/);
    const heading = lineOf(READY, '## 1. Summary');
    assert.match(edit(heading, 'structure/heading-style'), /\n<!-- committee-report-disable-next-line structure\/heading-style -->\n## 1\. Summary\n/);
    assert.match(edit(0, 'metadata/missing-key'), /\n---\n<!-- committee-report-disable-file metadata\/missing-key -->\n\n# Families/);
    assert.equal(disableRuleEdit(at, lines.length, 0, 'x').scope, 'file');
    const para = lineOf(READY, 'None.');
    assert.match(edit(para, 'structure/empty-section'), /\nNone\. <!-- committee-report-disable-line structure\/empty-section -->\n/);
    // Each edit silences the finding it names and leaves the template match intact.
    const bad = READY.replace('## 1. Summary', '## 1 summary');
    const badLines = bad.split('\n');
    const silenced = applyEdits(bad, [disableRuleEdit((n) => badLines[n] ?? '', badLines.length, heading, 'structure/heading-style').edit]);
    assert.deepEqual(checkReport(silenced, { today: FIXTURE_TODAY }).findings.map((f) => f.ruleId), []);
  });
});

describe('new reports and settings', () => {
  test('newReport writes only what the officer gave: the sections are left to write, no filler, no dates of its own', () => {
    for (const p of BUILTIN_PROFILES) {
      const values: Record<string, string> = Object.fromEntries(p.frontMatter.map((f) => [f.key, f.examples[0] ?? 'x']));
      values.meeting_date = '3 March 2026';
      const signed: Record<string, string> = { ...values, signoff_date: "2026-02-03" };
      for (const s of flattenSpecs(p.sections)) if (s.required && s.signoff?.required) signed[`signoff.${s.id}`] = `Pat Smith, ${s.signoff.role ?? 'Head of Service'}`;
      Object.assign(signed, { contact_name: 'Jane Moore, Director', contact_phone: '0116 305 2649', contact_email: 'jane.moore@leics.gov.uk' });
      const text = newReport(p, { title: 'A report', values: signed });
      assert.match(text, new RegExp(`^---\\ntemplate: ${p.id}\\n`));
      assert.doesNotMatch(text, /sets out|no \w+ implications|None\./, `${p.id}: no content written for the officer`);
      // What is left is the content only the officer can write.
      const left = new Set(checkReport(text, { today: FIXTURE_TODAY }).findings.map((f) => f.ruleId));
      assert.ok([...left].every((id) => id === 'structure/empty-section' || id === 'structure/unanswered-question'), `${p.id}: ${[...left].join(', ')}`);
      assert.ok(left.has('structure/empty-section'), `${p.id}: the untouched draft is not ready`);
      // Sign-offs given without a date are written without one (and reported), never dated today.
      const undated = newReport(p, { title: 'A report', values: { ...signed, signoff_date: '' } });
      assert.doesNotMatch(undated, /^Dated:/m);
      const nothing = checkReport(newReport(p, { title: '', values: {} }), { today: FIXTURE_TODAY }).findings;
      assert.ok(nothing.some((f) => f.ruleId === 'structure/missing-title' && f.severity === 'error'), p.id);
    }
  });

  test('withRuleOverrides sets severities by rule or category over the config', () => {
    const base = defaultConfig(RULES);
    const c = withRuleOverrides(base, { structure: 'off', 'metadata/unknown-key': 'error', bogus: 'loud' }, 'leicester-city/scrutiny');
    assert.equal(c.rules.get('structure/required-section')!.severity, 'off');
    assert.equal(c.rules.get('metadata/unknown-key')!.severity, 'error');
    assert.equal(c.defaultTemplate, 'leicester-city/scrutiny');
    assert.equal(base.rules.get('structure/required-section')!.severity, 'error', 'the base config is not changed');
    assert.equal(withRuleOverrides(base, {}), base);
    // The same settings again give the same object: an editing session keeps what its rules found (`RuleContext.keyed`).
    assert.equal(withRuleOverrides(base, { structure: 'off', 'metadata/unknown-key': 'error', bogus: 'loud' }, 'leicester-city/scrutiny'), c);
    assert.notEqual(withRuleOverrides(base, { structure: 'warning' }), c);
  });

  test('countFindings', () => {
    assert.deepEqual(countFindings([{ severity: 'error' }, { severity: 'warning' }, { severity: 'error' }, { severity: 'info' }]), { errors: 2, warnings: 1, infos: 1 });
  });
});
