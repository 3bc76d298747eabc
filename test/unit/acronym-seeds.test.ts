import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { ENGLISH_CAPS } from '../../server/src/core/acronyms/lexicon.js';
import type { Finding } from '../../server/src/core/types.js';
import { FIXTURE_TODAY } from './helpers.js';

/**
 * The acronym findings on the real seed reports (test/seeds, converted from the agenda
 * packs) against what a careful reader flags there (test/seeds/EXPECTED.md): each of the
 * reader's acronym findings must be found, on the token the reader names; and nothing
 * the checker reports may be an ordinary word in capitals.
 */
const repo = join(import.meta.dirname, '..', '..');
const seedsDir = join(repo, 'test', 'seeds');

function acronymFindings(file: string): { finding: Finding; token: string; line: number }[] {
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  return checkReport(text, { today: FIXTURE_TODAY })
    .findings.filter((f) => f.ruleId.startsWith('acronym/'))
    .map((finding) => ({
      finding,
      token: lines[finding.range.start.line]!.slice(finding.range.start.character, finding.range.end.character),
      line: finding.range.start.line + 1,
    }));
}

/** [seed file prefix, rule (without `acronym/`), token] that the careful reader flags. */
const EXPECTED: [string, string, string][] = [
  ['c1', 'undefined', 'PLO'],
  ['c1', 'undefined', 'LCPP'],
  ['c1', 'undefined', 'SWOT'],
  ['c1', 'undefined', 'IMPACT'],
  ['c2', 'undefined', 'SCE'],
  ['c3', 'undefined', 'ILACS'],
  ['c3', 'undefined', 'CQC'],
  ['c3', 'undefined', 'HMIP'],
  ['c3', 'undefined', 'SEND'],
  ['c3', 'undefined', 'ASEND'],
  ['c4', 'undefined', 'DfE'],
  ['c4', 'undefined', 'AP'],
  ['c4', 'undefined', 'EHCPs'],
  ['c4', 'undefined', 'LAs'],
  ['c4', 'undefined', 'DLUHC'],
  ['c5', 'inconsistent-case', 'LSCPB'],
  ['c6', 'undefined', 'SEND'],
  ['c6', 'undefined', 'BRAG'],
  ['c6', 'undefined', 'SMs'],
  ['c6', 'undefined', 'TMs'],
  ['c6', 'undefined', 'RIIA'],
  ['c7', 'undefined', 'CYPE'],
  ['c7', 'undefined', 'DfE'],
  ['c7', 'undefined', 'LA'],
  ['c7', 'undefined', 'ADCS'],
  ['c7', 'undefined', 'NRM'],
  ['c8', 'undefined', 'IMPACT'],
  ['c9', 'undefined', 'DfE'],
  ['c9', 'inconsistent-case', 'DFE'],
  ['c9', 'undefined', 'TYF'],
  ['c9', 'undefined', 'WP'],
  ['c9', 'undefined', 'UE'],
  ['c9', 'undefined', 'LA'],
  ['c9', 'used-before-definition', 'SEND'],
  ['k1', 'conflicting-expansion', 'CQC'],
  ['k1', 'conflicting-expansion', 'DSG'],
  ['k1', 'undefined', 'HNB'],
  ['k2', 'undefined', 'DfE'],
  ['k3', 'nonstandard-expansion', 'EHCP'],
  ['k3', 'used-before-definition', 'SEN'],
  ['k3', 'undefined', 'Q3'],
  ['k3', 'undefined', 'Q1'],
  ['k4', 'undefined', 'DfE'],
  ['k4', 'undefined', 'SENA'],
  ['k4', 'undefined', 'KPI'],
  ['k4', 'reordered-expansion', 'Change Programme Partnership'],
];

const seeds = existsSync(seedsDir) ? readdirSync(seedsDir).filter((f) => f.endsWith('.report.md')) : [];

describe('acronyms on the real seed reports', () => {
  const cache = new Map<string, ReturnType<typeof acronymFindings>>();
  const findingsOf = (prefix: string) => {
    const file = seeds.find((f) => f.startsWith(prefix + '-'));
    if (!file) return undefined;
    if (!cache.has(file)) cache.set(file, acronymFindings(join(seedsDir, file)));
    return cache.get(file)!;
  };

  for (const prefix of [...new Set(EXPECTED.map((e) => e[0]))]) {
    test(`${prefix}: the acronym problems a careful reader flags`, (t) => {
      const found = findingsOf(prefix);
      if (!found) return t.skip('seed not converted yet');
      const missing = EXPECTED.filter((e) => e[0] === prefix && !found.some((f) => f.finding.ruleId === `acronym/${e[1]}` && f.token === e[2]));
      assert.deepEqual(
        missing.map((e) => `${e[1]} ${e[2]}`),
        [],
      );
    });
  }

  test('no ordinary word in capitals is taken for an acronym (shouted titles, table headers, emphasis)', () => {
    for (const file of seeds) {
      for (const f of acronymFindings(join(seedsDir, file))) {
        const letters = f.token.replace(/[^A-Za-z]/g, '');
        assert.ok(!ENGLISH_CAPS.has(f.token), `${file}:${f.line} ${f.token}`);
        assert.ok(letters.length < 7 || f.finding.ruleId !== 'acronym/undefined', `${file}:${f.line} ${f.token}`);
      }
    }
  });

  test('names in capitals are not acronyms (IMPOWER), and a defined acronym in a shouted title is fine', () => {
    const c1 = findingsOf('c1');
    const k1 = findingsOf('k1');
    if (!c1 || !k1) return;
    assert.ok(!c1.some((f) => f.token === 'IMPOWER'));
    assert.ok(!k1.some((f) => f.line === 8 && f.finding.ruleId !== 'acronym/undefined' && /TRANSFORMING|INCLUSION|PROGRAMME/.test(f.token)));
    assert.ok(!k1.some((f) => /^(TRANSFORMING|AND|IN|INCLUSION|PROGRAMME|TSIL)$/.test(f.token) && f.finding.ruleId === 'acronym/undefined'));
  });
});

describe('the clean examples', () => {
  for (const file of ['leicester-city-executive.report.md', 'leicester-city-scrutiny.report.md', 'leicestershire-county-committee.report.md']) {
    test(`${file} has no acronym findings`, () => {
      const path = join(repo, 'examples', file);
      if (!existsSync(path)) return;
      assert.deepEqual(
        acronymFindings(path).map((f) => `${f.line} ${f.finding.ruleId} ${f.finding.message}`),
        [],
      );
    });
  }
});
