import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel } from '../../server/src/core/model.js';
import { scanAcronyms, readToken } from '../../server/src/core/acronyms/scan.js';
import { fitAcronym, splitWords, normExpansion, sameExpansion, singularExpansion } from '../../server/src/core/acronyms/expansion.js';

function scan(text: string) {
  return scanAcronyms(buildModel(text));
}

/** Acronym tokens that count on their own (not only when something defines them). */
function strong(text: string): string[] {
  return scan(text)
    .occurrences.filter((o) => !o.weak)
    .map((o) => o.written);
}

describe('acronym tokens', () => {
  test('capitals, plurals, mixed case, digits, & and +', () => {
    assert.deepEqual(strong('The EHCPs, DfE, C&YP, KS2, LSCPb, PP+ and CiN teams; SEND-related and non-SEND work.\n'), [
      'EHCPs',
      'DfE',
      'C&YP',
      'KS2',
      'LSCPb',
      'PP+',
      'CiN',
      'SEND',
      'SEND',
    ]);
    const ehcps = scan('Two EHCPs.\n').occurrences[0]!;
    assert.equal(ehcps.key, 'EHCP');
    assert.equal(ehcps.plural, true);
    assert.equal(scan("The DfE's letter.\n").occurrences[0]!.written, 'DfE');
  });

  test('not acronyms: ordinary words, names, Roman numerals', () => {
    assert.deepEqual(strong('In Part II and Annex IV, see (xiv) and XI; McDonald, LiquidLogic, Ofsted and iPad are words.\n'), []);
    assert.equal(readToken('II'), undefined);
    assert.equal(readToken('McKenzie'), undefined);
    assert.equal(readToken('Ofsted'), undefined);
  });

  test('English words and long words in capitals count only when defined', () => {
    const s = scan('We must NOT proceed. The IMPOWER team and ALL partners.\n');
    assert.deepEqual(
      s.occurrences.map((o) => [o.written, o.weak]),
      [
        ['NOT', 'english'],
        ['IMPOWER', 'long'],
        ['ALL', 'english'],
      ],
    );
  });

  test('a shouted title: its long capitalised words are not acronyms', () => {
    const s = scan('# TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE (TSIL) PROGRAMME\n');
    const weak = Object.fromEntries(s.occurrences.map((o) => [o.written, o.weak ?? 'strong']));
    assert.equal(weak['SEND'], 'strong');
    assert.equal(weak['TSIL'], 'strong');
    assert.equal(weak['AND'], 'english');
    assert.equal(weak['PROGRAMME'], 'long');
    assert.equal(weak['TRANSFORMING'], undefined, 'longer than any acronym');
    assert.ok(s.occurrences.find((o) => o.written === 'SEND')!.shouted);
  });

  test('a quarter is an acronym; other letter-digit references only when defined', () => {
    const s = scan('Figures for Q3 and form B1.\n');
    assert.deepEqual(
      s.occurrences.map((o) => [o.written, o.weak ?? 'strong']),
      [
        ['Q3', 'strong'],
        ['B1', 'letter-digit'],
      ],
    );
  });

  test('code, URLs, e-mails, link targets, HTML and front matter are skipped', () => {
    const text = [
      '---',
      'committee: CYPE Scrutiny Commission',
      '---',
      '',
      'See `DSG-2024` and <https://www.gov.uk/ESFA> or https://example.org/HNB?x=LA and [the guidance](https://a.gov.uk/SEN).',
      '',
      'Write to SENDIASS@leics.gov.uk, visit GOV.UK or www.leicester.gov.uk/LCC. <!-- HNB note -->',
      '',
      '```',
      'DSG HNB',
      '```',
      '',
    ].join('\n');
    assert.deepEqual(strong(text), []);
  });
});

describe('definitions', () => {
  const defs = (text: string) => scan(text).definitions.map((d) => [d.form, d.written, d.expansion, d.fits]);

  test('Full Name (ACR) and ACR (Full Name)', () => {
    assert.deepEqual(defs('1.1 Funding comes from the High Needs Block (HNB) and the LADO (Local Authority Designated Officer) checks it.\n'), [
      ['long-first', 'HNB', 'High Needs Block', true],
      ['acronym-first', 'LADO', 'Local Authority Designated Officer', true],
    ]);
  });

  test('the name starts where its initials do', () => {
    assert.deepEqual(defs('The introduction by the Department for Education (DfE) of Improvement Planning and Children\'s Transformation (IMPACT) boards.\n'), [
      ['long-first', 'DfE', 'Department for Education', true],
      ['long-first', 'IMPACT', "Improvement Planning and Children's Transformation", true],
    ]);
  });

  test('lower-case names, plurals and quotes', () => {
    assert.deepEqual(defs("Young people not in education, employment or training ('NEET') and Education, Health and Care Plans (EHCPs).\n"), [
      ['long-first', 'NEET', 'not in education, employment or training', true],
      ['long-first', 'EHCPs', 'Education, Health and Care Plans', true],
    ]);
  });

  test('words after the acronym inside the brackets: (EHC Plan), (SCA 2022), (TSIL CI)', () => {
    const s = scan('An Education Health and Care Plan (EHC Plan), the Subsidy Control Act 2022 (SCA 2022) and TSIL Continuous Improvement (TSIL CI).\n');
    assert.deepEqual(
      s.definitions.map((d) => [d.written, d.expansion, d.short]),
      [
        ['EHC', 'Education Health and Care', 'EHC Plan'],
        ['SCA', 'Subsidy Control Act', 'SCA 2022'],
        ['CI', 'Continuous Improvement', 'TSIL CI'],
      ],
    );
  });

  test('descriptive words after the name are not part of it', () => {
    const d = scan('Places from Independent Special School providers (ISS).\n').definitions[0]!;
    assert.equal(d.expansion, 'Independent Special School');
    assert.equal(d.fullExpansion, 'Independent Special School providers');
    assert.equal(d.short, 'ISS providers');
  });

  test('a Title Case name that does not fit is still a definition (for initials-mismatch)', () => {
    assert.deepEqual(defs('1.1 Funding for High Needs (HNB) is short.\n'), [['long-first', 'HNB', 'High Needs', false]]);
  });

  test('brackets that are not definitions', () => {
    assert.deepEqual(defs('Children (including SEND panels), the HNB (2024) and the DSG (see HNB) are reported.\n'), []);
  });

  test('glossary sections: tables and ACR – Expansion lines', () => {
    const text = [
      '# Report',
      '',
      '## 1. Acronyms',
      '',
      'DSG – Dedicated Schools Grant',
      'HNB - High Needs Block',
      '- **LA**: Local Authority',
      '',
      '## Glossary',
      '',
      '| Acronym | Meaning |',
      '| --- | --- |',
      '| SEND | Special Educational Needs and Disabilities |',
      '| GCSE | General Certificate of Education |',
      '| TBC |  |',
      '',
    ].join('\n');
    const s = scan(text);
    assert.equal(s.glossarySections.length, 2);
    assert.deepEqual(
      s.definitions.map((d) => [d.form, d.written, d.expansion, d.fits]),
      [
        ['glossary', 'DSG', 'Dedicated Schools Grant', true],
        ['glossary', 'HNB', 'High Needs Block', true],
        ['glossary', 'LA', 'Local Authority', true],
        ['glossary', 'SEND', 'Special Educational Needs and Disabilities', true],
        ['glossary', 'GCSE', 'General Certificate of Education', false],
      ],
    );
    assert.deepEqual(s.occurrences, [], 'a glossary section is not a use');
  });

  test('acronyms inside another name are marked', () => {
    const s = scan('The Transforming SEND and Inclusion in Leicestershire (TSIL) programme.\n');
    assert.equal(s.occurrences.find((o) => o.written === 'SEND')!.inExpansion, true);
  });

  test('appendices are scopes of their own', () => {
    const s = scan('# Report\n\nThe HNB.\n\n# Appendix 1: Plan\n\nThe HNB.\n');
    assert.deepEqual(
      s.occurrences.map((o) => o.scope),
      [0, 1],
    );
  });

  test('one scan per model', () => {
    const model = buildModel('The DSG.\n');
    assert.equal(scanAcronyms(model), scanAcronyms(model));
  });
});

describe('expansions', () => {
  test('every expansion the seeds define fits its acronym, except the ones the seed list marks as wrong', () => {
    const tsv = join(import.meta.dirname, '..', '..', '..', 'shared', 'acronyms.tsv');
    if (!existsSync(tsv)) return;
    const misfits: string[] = [];
    for (const line of readFileSync(tsv, 'utf8').split('\n').slice(1)) {
      const [acronym, expansion] = line.split('\t');
      if (!acronym || !expansion) continue;
      if (!fitAcronym(acronym.split(' ')[0]!, splitWords(expansion).map((w) => w.text)).fits) misfits.push(`${acronym}=${expansion}`);
    }
    assert.deepEqual([...new Set(misfits)].sort(), [
      'CAHMS=Child and Adolescent Mental health Service',
      'CYPF=Children Young People and Families Division (Leicester City Council)',
      'GCSE=General Certificate of Education',
      'HNB=High Needs',
      'SEF=Self-evaluation',
      'SEIPS=Secondary Education Inclusion Partnership',
    ]);
  });

  test('comparison ignores case, punctuation, apostrophes and plurals, not words', () => {
    assert.ok(sameExpansion('Education, Health and Care Plans', 'education health and care plan'));
    assert.ok(sameExpansion("Children and Young People's Justice Service", 'Children and Young Peoples Justice Service'));
    assert.ok(sameExpansion("Directors of Children's Services", "Director of Children's Services", true));
    assert.ok(!sameExpansion('Education and Health Care Plan', 'Education, Health and Care Plan'));
    assert.ok(!sameExpansion('Designated Schools Grant', 'Dedicated Schools Grant'));
    assert.equal(normExpansion('Clinical Audit & Research Unit'), 'clinical audit and research unit');
    assert.equal(singularExpansion('Local Leaders of Education'), 'Local Leader of Education');
  });
});
