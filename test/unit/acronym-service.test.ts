import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildModel } from '../../server/src/core/model.js';
import { checkReport } from '../../server/src/core/check.js';
import { applyEdits } from '../../server/src/core/fix.js';
import { readConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';
import {
  BUILTIN,
  acronymCompletions,
  acronymHover,
  applyGlossaryAddition,
  buildGlossarySection,
  glossaryAddition,
  glossarySectionEdit,
} from '../../server/src/core/acronyms/index.js';
import { builtinEntry } from '../../server/src/core/acronyms/builtin.js';
import { fitAcronym, splitWords } from '../../server/src/core/acronyms/expansion.js';
import type { Fix } from '../../server/src/core/types.js';
import { FIXTURE_TODAY } from './helpers.js';
import { tempDir } from '../temp-dirs.js';

const repo = join(import.meta.dirname, '..', '..');
const config = readConfig('{}', RULES).config;
const acronymFindings = (text: string, cfg = config) =>
  checkReport(text, { today: FIXTURE_TODAY, config: cfg }).findings.filter((f) => f.ruleId.startsWith('acronym/'));

describe('built-in council glossary', () => {
  test('conflicts in the seeds are resolved to the right expansion', () => {
    const first = (a: string) => builtinEntry(a)!.entry.senses[0];
    assert.equal(first('DSG'), 'Dedicated Schools Grant');
    assert.equal(first('EHCP'), 'Education, Health and Care Plan');
    assert.equal(first('CQC'), 'Care Quality Commission');
    assert.equal(first('SEND'), 'Special Educational Needs and Disabilities');
    assert.equal(first('HNB'), 'High Needs Block');
    assert.equal(first('DFE'), 'Department for Education');
    assert.equal(builtinEntry('DFE')!.key, 'DfE');
  });

  test('two unrelated meanings are both kept; wrong entries are left out', () => {
    assert.deepEqual(builtinEntry('ASD')!.entry.senses, ['Autism Spectrum Disorder', 'Adolescence Safety and Diversion Board']);
    for (const wrong of ['CAHMS', 'SEF', 'SEIPS', 'CYPF']) assert.equal(builtinEntry(wrong), undefined, wrong);
    assert.ok(BUILTIN.excluded.some((e) => e.acronym === 'DSG' && e.expansion === 'Designated Schools Grant'));
    assert.ok(BUILTIN.excluded.some((e) => e.acronym === 'GCSE'));
    assert.ok(BUILTIN.common.includes('GCSE'));
  });

  test('every meaning fits its acronym', () => {
    for (const [key, entry] of Object.entries(BUILTIN.entries)) {
      for (const s of [...entry.senses, ...(entry.variants ?? [])]) assert.ok(fitAcronym(key, splitWords(s).map((w) => w.text)).fits, `${key} = ${s}`);
    }
  });

  test('glossary.json is what the script makes from shared/acronyms.tsv', () => {
    const tsv = join(repo, '..', 'shared', 'acronyms.tsv');
    if (!existsSync(tsv)) return;
    const out = join(tempDir('acronyms-'), 'glossary.json');
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'build-acronym-glossary.ts'), tsv, out], { cwd: repo, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), readFileSync(join(repo, 'server', 'src', 'core', 'acronyms', 'glossary.json'), 'utf8'), 'run the script and commit glossary.json');
  });
});

describe('configuration', () => {
  test('common knowledge and the workspace glossary need no spelling out', () => {
    const text = '# Report\n\n1.1 The UK, the NHS, the LGA and the QIT.\n';
    assert.deepEqual(
      acronymFindings(text).map((f) => f.message.slice(0, 6)),
      ['"LGA" ', '"QIT" '],
    );
    const cfg = readConfig(JSON.stringify({ acronyms: { common: ['LGA'], glossary: { QIT: 'Quality Inclusion Team' } } }), RULES).config;
    assert.deepEqual(acronymFindings(text, cfg), []);
  });

  test('the workspace glossary is the reference for non-standard expansions', () => {
    const cfg = readConfig(JSON.stringify({ acronyms: { glossary: { QIT: 'Quality Inclusion Team' } } }), RULES).config;
    const f = acronymFindings('# R\n\n1.1 The Quality Improvement Team (QIT) met; the QIT reports monthly.\n', cfg);
    assert.deepEqual(
      f.map((x) => x.ruleId),
      ['acronym/nonstandard-expansion'],
    );
    assert.match(f[0]!.message, /workspace glossary/);
  });

  test('an unknown acronym gets a snippet fix; the first use is in the text, not the title', () => {
    const f = acronymFindings('# The LCPP review\n\n1.1 The LCPP meets monthly.\n');
    assert.equal(f.length, 1);
    assert.equal(f[0]!.range.start.line, 2);
    const fix = f[0]!.fixes[0] as Fix & { snippet?: boolean };
    assert.equal(fix.snippet, true);
    assert.equal(fix.edits[0]!.newText, '${1:Full name} (LCPP)');
    assert.equal(fix.safe, false);
  });

  test('add to the workspace glossary, as data for the editor command', () => {
    const add = glossaryAddition('LCPPs', 'Local Child Protection Partnership');
    assert.deepEqual(add.path, ['acronyms', 'glossary', 'LCPP']);
    const json = applyGlossaryAddition('{\n  "rules": {}\n}\n', add);
    assert.deepEqual(JSON.parse(json), { rules: {}, acronyms: { glossary: { LCPP: 'Local Child Protection Partnership' } } });
    const cfg = readConfig(json, RULES).config;
    assert.deepEqual(acronymFindings('# R\n\n1.1 The LCPP meets monthly.\n', cfg), []);
  });
});

describe('hover', () => {
  const text = [
    '# Report',
    '',
    '3. The Dedicated Schools Grant (DSG) is set nationally.',
    '',
    '14. The Designated Schools Grant (DSG) deficit and the HNB and the WRG are growing; the UK is fine.',
    '',
  ].join('\n');
  const model = buildModel(text);
  const at = (s: string, n = 0) => {
    let i = -1;
    for (let k = 0; k <= n; k++) i = text.indexOf(s, i + 1);
    return i + 1;
  };

  test('a defined acronym: its expansion, where, and the conflict', () => {
    const h = acronymHover(model, at('DSG', 1), config)!;
    assert.match(h, /^\*\*DSG\*\*: Dedicated Schools Grant/);
    assert.match(h, /line 3/);
    assert.match(h, /line 5/);
    assert.match(h, /Also spelt out as "Designated Schools Grant"/);
  });

  test('an acronym only the council glossary knows, an unknown one, common knowledge', () => {
    assert.match(acronymHover(model, at('HNB'), config)!, /Not spelt out in this report[\s\S]*Council glossary: High Needs Block/);
    assert.equal(acronymHover(model, at('WRG'), config), '**WRG**\n\nNot spelt out in this report.');
    assert.match(acronymHover(model, at('UK'), config)!, /Common knowledge/);
    assert.equal(acronymHover(model, at('deficit'), config), undefined);
  });
});

describe('completion', () => {
  test('typing a known acronym at its first use offers Full Name (ACR)', () => {
    const text = '# Report\n\n1.1 The DS';
    const items = acronymCompletions(buildModel(text), text.length, config);
    assert.deepEqual(
      items.map((i) => i.insertText),
      ['Dedicated Schools Grant (DSG)', 'Designated Specialist Provision (DSP)'],
    );
  });

  test('not once the acronym has been used, nor for common knowledge', () => {
    const text = '# Report\n\n1.1 The DSG and the NH';
    const items = acronymCompletions(buildModel(text + '\n\n1.2 The DSG'), text.length + '\n\n1.2 The DSG'.length, config);
    assert.deepEqual(items, []);
    assert.deepEqual(acronymCompletions(buildModel(text), text.length, config), []);
  });

  test("the report's own later definition is offered", () => {
    const text = '# Report\n\n1.1 The QI';
    const after = '\n\n1.2 The Quality Inclusion Team (QIT) advises schools.\n';
    const items = acronymCompletions(buildModel(text + after), text.length, config);
    assert.deepEqual(items[0], { label: 'QIT', insertText: 'Quality Inclusion Team (QIT)', detail: 'As spelt out at line 5' });
  });
});

describe('glossary section', () => {
  const text = ['# Report', '', '1.1 The DSG, the HNB, the UK and the WRG.', '', '1.2 The Quality Inclusion Team (QIT) advises schools; the QIT meets monthly.', ''].join('\n');

  test('lists the acronyms used, with their meaning; common knowledge left out', () => {
    assert.equal(
      buildGlossarySection(buildModel(text), config),
      [
        '## Acronyms',
        '',
        '| Acronym | Meaning |',
        '| --- | --- |',
        '| DSG | Dedicated Schools Grant |',
        '| HNB | High Needs Block |',
        '| QIT | Quality Inclusion Team |',
        '| WRG |  |',
        '',
      ].join('\n'),
    );
  });

  test('written at the end, or in place of the existing section; known acronyms are then defined', () => {
    const fixed = applyEdits(text, [glossarySectionEdit(buildModel(text), config)]);
    assert.ok(fixed.endsWith('| WRG |  |\n'));
    const left = acronymFindings(fixed).map((f) => `${f.ruleId} ${f.message.split(' ')[0]}`);
    assert.deepEqual(left, ['acronym/undefined "WRG"']);
    const again = applyEdits(fixed, [glossarySectionEdit(buildModel(fixed), config)]);
    assert.equal(again, fixed);
  });

  test('goes before the appendices', () => {
    const withAppendix = text + '\n# Appendix 1: Plan\n\nThe DSG plan.\n';
    const fixed = applyEdits(withAppendix, [glossarySectionEdit(buildModel(withAppendix), config)]);
    assert.ok(fixed.indexOf('## Acronyms') < fixed.indexOf('# Appendix 1'));
  });
});

describe('rule docs', () => {
  for (const rule of RULES.filter((r) => r.category === 'acronym')) {
    test(`${rule.id}: the bad example is reported, the good one is not`, () => {
      const count = (text: string) => checkReport(`# Report\n\n${text}\n`, { today: FIXTURE_TODAY, config }).findings.filter((f) => f.ruleId === rule.id).length;
      assert.ok(count(rule.docs.bad) > 0, 'bad');
      assert.equal(count(rule.docs.good), 0, 'good');
    });
  }
});
