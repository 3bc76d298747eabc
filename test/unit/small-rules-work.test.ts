// Work the smaller rules and the template match do per report in a cold folder run (issue 18): counted, never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkReport } from '../../server/src/core/check.js';
import { matchStats } from '../../server/src/core/templates/match.js';
import { ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { linkStats, readLinks } from '../../server/src/core/links/link-parse.js';
import { templatePromptStats } from '../../server/src/core/structure/structure-template-prompt.js';
import { buildModel } from '../../server/src/core/model.js';
import { committeeStats } from '../../server/src/core/pack/unknown-committee.js';
import { sectionOrderStats } from '../../server/src/core/structure/structure-section-order.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { FIXTURE_TODAY } from './helpers.js';
import { seedReports } from './seed-reports.js';

installDictionary();
const seedTexts = seedReports().map((s) => s.text);

test('a profile\'s section order and parents are worked out once, and a heading seen before is not normalised again', () => {
  const profiles = new ProfileRegistry();
  const check = (text: string): string | undefined => checkReport(text, { profiles, today: FIXTURE_TODAY }).profile?.id;
  const layouts = matchStats.layouts;
  const ids = seedTexts.map(check);
  const used = new Set(ids.filter(Boolean)).size;
  assert.ok(used > 0);
  // Once per profile used, not once per report.
  assert.ok(matchStats.layouts - layouts <= used, `${matchStats.layouts - layouts} layouts for ${used} profiles`);
  // The same reports again (a folder of copies): no heading's forms are worked out again.
  const forms = matchStats.headingForms;
  const layoutsAfter = matchStats.layouts;
  const positions = sectionOrderStats.positions;
  seedTexts.forEach(check);
  assert.equal(matchStats.headingForms, forms);
  assert.equal(matchStats.layouts, layoutsAfter);
  // structure/section-order's positions come with the shared order: none built again.
  assert.equal(sectionOrderStats.positions, positions);
});

test('a report\'s template prompts are listed once per template, and only blocks that could hold a placeholder are searched for one', () => {
  const profiles = new ProfileRegistry();
  const text = seedTexts.find((t) => checkReport(t, { profiles, today: FIXTURE_TODAY }).profile)!;
  const plain = Array.from({ length: 200 }, (_, i) => `Paragraph ${i} about the budget for the year ahead, as agreed.`).join('\n\n');
  // A report with many plain paragraphs: none has a character a placeholder needs.
  const withPlain = text.replace(/\n## /, `\n${plain}\n\n## `);
  const lists = templatePromptStats.promptLists;
  const before = templatePromptStats.placeholderScans;
  checkReport(text, { profiles, today: FIXTURE_TODAY });
  const perReport = templatePromptStats.placeholderScans - before;
  // The 200 plain paragraphs add no search.
  checkReport(withPlain, { profiles, today: FIXTURE_TODAY });
  assert.equal(templatePromptStats.placeholderScans - before - perReport, perReport);
  assert.ok(templatePromptStats.promptLists - lists <= 1);
  // A placeholder is still found.
  const found = checkReport(withPlain.replace('Paragraph 7 ', 'Paragraph [insert number] '), { profiles, today: FIXTURE_TODAY }).findings;
  assert.ok(found.some((f) => f.ruleId === 'structure/template-prompt' && f.message.includes('[insert number]')));
});

test('the link scan walks only the top-level nodes whose source could hold a link target', () => {
  const plain = Array.from({ length: 300 }, (_, i) => `Paragraph ${i}: the budget for *the year* ahead, as agreed (see below).`).join('\n\n');
  const links = '[the site](https://www.gov.uk/x) and <https://example.org> and www.example.com and a.b@example.org and [broken](a b)\n\n[ref]: https://example.org/r\n\n<a href="https://example.org/h">h</a>';
  const walks = linkStats.walks;
  const found = readLinks(buildModel(`# Title\n\n${plain}\n\n${links}\n`));
  // The link paragraph, the definition and the HTML: three units, not the 304 of the report.
  assert.equal(linkStats.walks - walks, 3);
  assert.deepEqual(found.map((t) => t.kind), ['inline', 'autolink', 'literal', 'literal', 'broken', 'definition', 'html']);
});

test('the profile\'s committee names are normalised once, and a wrong committee line seen before is not ranked again', () => {
  const profiles = new ProfileRegistry();
  const seed = seedTexts.find((t) => /^committee: Children, Young People and Education Scrutiny Commission$/m.test(t))!;
  const wrong = seed.replace(/^committee: .*$/m, 'committee: CYPE Scrutiny Commission');
  const run = (text: string): number => checkReport(text, { profiles, today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === 'pack/unknown-committee').length;
  assert.equal(run(seed), 0);
  assert.equal(run(wrong), 1);
  const normalised = committeeStats.normalised;
  const ranked = committeeStats.ranked;
  // Ten more reports with a committee line: one name normalised each (the line's), no ranking again.
  for (let i = 0; i < 5; i++) {
    assert.equal(run(seed), 0);
    assert.equal(run(wrong), 1);
  }
  assert.equal(committeeStats.normalised - normalised, 10);
  assert.equal(committeeStats.ranked, ranked);
});
