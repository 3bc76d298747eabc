import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkFileTask } from '../../server/src/cli/check-task.js';
import { loadWorkspaceSettings } from '../../server/src/core/workspace.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { buildPack, checkManifest, memberOf, packWork, runPackRules, type PackFacts, type PackManifest } from '../../server/src/core/pack/index.js';
import { defaultConfig } from '../../server/src/core/config.js';
import { RULES } from '../../server/src/core/rules/index.js';

const at = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });

/**
 * A pack of `n` reports `r0`…: every one names the same officer (report 5 with another
 * phone number), report 7 has report 2's title, `r3-v2` is a second report for item r3,
 * and the manifest lists one item more than there are reports.
 */
function pack(n: number) {
  const facts = new Map<string, PackFacts>();
  for (let i = 0; i < n; i++) {
    const file = `/p/r${i}.report.md`;
    facts.set(file, {
      at: at(0),
      title: { value: `Report number ${i === 7 ? 2 : i}`, range: at(0) },
      officers: [{ name: 'Jane Moore', phone: { value: i === 5 ? '0116 305 0000' : '0116 305 2649', shown: 'x', range: at(9) } }],
      directives: [],
      hasProfile: true,
    });
  }
  facts.set('/p/r3-v2.report.md', { at: at(0), officers: [], directives: [], hasProfile: true });
  const manifest: PackManifest = { file: '/p/pack.yaml', items: Array.from({ length: n + 1 }, (_, i) => ({ name: `r${i}`, range: at(i) })) } as PackManifest;
  const info = buildPack('/p', manifest, [...facts].map(([file, f]) => memberOf(file, f)));
  return { facts, info };
}

/** Every report's pack findings and the manifest's, with the work it took. */
function checkAll(n: number): { findings: string[]; work: number } {
  const { facts, info } = pack(n);
  const config = defaultConfig(RULES);
  const before = packWork.compared;
  const findings: string[] = [];
  for (const [file, f] of facts) for (const x of runPackRules(f, { info, file }, config).findings) findings.push(`${file.slice(3)} ${x.ruleId}`);
  for (const x of checkManifest(info, config)) findings.push(`manifest ${x.ruleId} ${x.range.start.line}`);
  return { findings, work: packWork.compared - before };
}

test('the pack rules compare each member with the others once per pack, not once per report', () => {
  const small = checkAll(20);
  const large = checkAll(80);
  // Linear: four times the reports, about four times the work (quadratic would be sixteen).
  assert.ok(large.work <= 5 * small.work, `work ${small.work} for 20 reports, ${large.work} for 80`);
  assert.ok(large.work < 80 * 8, `${large.work} comparisons for 80 reports`);
  // ...and what they find is unchanged.
  for (const [n, r] of [[20, small], [80, large]] as const) {
    const found = r.findings.filter((f) => !f.includes('pack/meeting-date') && !f.includes('pack/committee'));
    assert.deepEqual(found.filter((f) => f.includes('officer-details')).sort(), Array.from({ length: n }, (_, i) => `r${i}.report.md pack/officer-details`).sort(), `${n}: report 5 differs from all, all from report 5`);
    assert.deepEqual(found.filter((f) => f.includes('duplicate-title')), ['r2.report.md pack/duplicate-title', 'r7.report.md pack/duplicate-title']);
    assert.deepEqual(found.filter((f) => f.includes('agenda-item')), ['r3.report.md pack/agenda-item', 'r3-v2.report.md pack/agenda-item']);
    assert.deepEqual(found.filter((f) => f.includes('missing-item')), [`manifest pack/missing-item ${n}`]);
  }
});

test("a report's meeting date is read where the report is checked: the pack's member takes it from the facts", () => {
  const file = join(import.meta.dirname, '..', 'seeds', 'k1-tsil-programme-2023.report.md');
  const outcome = checkFileTask({ file, settingsDir: join(import.meta.dirname, '..', 'seeds'), appendixFiles: [], fix: false, today: '2026-02-20' }, loadWorkspaceSettings(nodeFileSystem, join(import.meta.dirname, '..', 'seeds')));
  assert.equal(outcome.facts?.meetingIso, '2023-03-07', 'meeting_date: 7 MARCH 2023');
  // The member's date is the facts' (as a worker thread sent them), not read again from the text.
  const member = memberOf(file, { ...outcome.facts!, meetingIso: '2099-01-02' });
  assert.deepEqual([member.meetingDate, member.meetingDateText], ['2099-01-02', outcome.facts!.meetingDate!.value]);
});

test("pack/meeting-date compares the date the report's own check read, not the text read again", () => {
  const written = { value: '7 March 2023', range: at(2) };
  const facts = (meetingIso?: string): PackFacts => ({ at: at(0), meetingDate: written, ...(meetingIso ? { meetingIso } : {}), officers: [], directives: [], hasProfile: true });
  const manifest = { file: '/p/pack.yaml', meetingDate: '7 March 2023', items: [] } as unknown as PackManifest;
  const info = buildPack('/p', manifest, [memberOf('/p/a.report.md', facts('2023-03-07'))]);
  const dateFindings = (f: PackFacts) => runPackRules(f, { info, file: '/p/a.report.md' }, defaultConfig(RULES)).findings.filter((x) => x.ruleId === 'pack/meeting-date');
  assert.equal(dateFindings(facts('2023-03-07')).length, 0);
  // The facts' date is the one compared (here made to differ from the text's, to tell them apart)...
  assert.equal(dateFindings(facts('2023-03-08')).length, 1);
  // ...and facts without it (kept by an earlier version) still have the text read.
  assert.equal(dateFindings(facts()).length, 0);
});
