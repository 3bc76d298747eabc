import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { checkReport } from '../../server/src/core/check.js';
import { RULES } from '../../server/src/core/rules/index.js';
import { FIXTURE_TODAY, fixRule, readExpectations } from './helpers.js';
import { Packs } from '../../server/src/node/pack.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { ProfileRegistry } from '../../server/src/core/templates/loader.js';
import { checkManifest } from '../../server/src/core/pack/index.js';
import { isManifestRule } from '../../server/src/core/pack/define.js';

/** A fixture folder with a `pack.yaml` is an agenda pack: its reports are checked in it (pack/* rules). */
const packs = new Packs(() => ({ config: defaultConfig(RULES), profiles: new ProfileRegistry(), problems: [], files: [] }));
function packOptions(file: string) {
  const info = packs.packOf(file);
  return info ? { pack: { info, file } } : {};
}

/**
 * Rule fixtures: test/fixtures/rules/<category>/<name>/*.report.md. A line that should
 * be reported carries `<!-- expect: category/name -->` (in front matter: `# expect: ...`).
 * Only the folder's rule is compared. A fixable rule's fixture `x.report.md` may have a
 * golden `x.fixed.md`: applying the rule's fixes (in passes) must give exactly that text,
 * and checking it again must find only the rule's findings that offered no fix.
 * A rule on the pack manifest has one agenda pack per sub-folder instead
 * (<name>/<case>/pack.yaml, `# expect: pack/name` on the manifest's lines).
 */
const root = join(import.meta.dirname, '..', 'fixtures', 'rules');

function fixtureFiles(ruleId: string, manifests: boolean): string[] {
  const dir = join(root, ruleId);
  if (!existsSync(dir)) return [];
  if (manifests) return readdirSync(dir).sort().map((d) => join(dir, d, 'pack.yaml')).filter((f) => existsSync(f));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.report.md'))
    .map((f) => join(dir, f));
}

/** The findings of a check of a fixture (a report, or a pack manifest) by rule. */
function findingsOf(file: string) {
  if (file.endsWith('pack.yaml')) return { findings: checkManifest(packs.packOf(join(dirname(file), 'x'))!), ruleErrors: [] };
  return checkReport(readFileSync(file, 'utf8'), { today: FIXTURE_TODAY, ...packOptions(file) });
}

describe('rule fixtures', () => {
  for (const rule of RULES) {
    const files = fixtureFiles(rule.id, isManifestRule(rule));
    describe(rule.id, () => {
      test('has fixtures that fire and that stay quiet', () => {
        const expectations = files.map((f) => readExpectations(readFileSync(f, 'utf8'), rule.id).size);
        assert.ok(expectations.some((n) => n > 0), `${rule.id}: no fixture expects a finding`);
        assert.ok(expectations.some((n) => n === 0), `${rule.id}: no fixture expects silence`);
      });
      if (rule.fixable) {
        test('has a golden fixed file', () => {
          assert.ok(files.some((f) => existsSync(f.replace(/\.report\.md$/, '.fixed.md'))), `${rule.id}: fixable but no *.fixed.md`);
        });
      }
      for (const file of files) {
        const name = relative(root, file);
        test(name, () => {
          const text = readFileSync(file, 'utf8');
          const result = findingsOf(file);
          assert.deepEqual(result.ruleErrors, []);
          const got = new Map<number, number>();
          for (const f of result.findings) if (f.ruleId === rule.id) got.set(f.range.start.line + 1, (got.get(f.range.start.line + 1) ?? 0) + 1);
          const want = readExpectations(text, rule.id);
          assert.deepEqual(
            [...got.entries()].sort((a, b) => a[0] - b[0]),
            [...want.entries()].sort((a, b) => a[0] - b[0]),
            `findings of ${rule.id} by line (line, count)`,
          );
          const golden = file.replace(/\.report\.md$/, '.fixed.md');
          if (golden !== file && existsSync(golden) && statSync(golden).isFile()) {
            const { text: fixed, remaining } = fixRule(text, rule.id);
            assert.equal(fixed, readFileSync(golden, 'utf8'), 'fixed text equals the golden file');
            // What had a fix is gone; only findings that never offered one may remain.
            const unfixable = result.findings.filter((f) => f.ruleId === rule.id && f.fixes.length === 0).map((f) => f.message).sort();
            assert.deepEqual(remaining.map((f) => f.message).sort(), unfixable, 'after fixing, only unfixable findings remain');
          }
        });
      }
    });
  }
});
