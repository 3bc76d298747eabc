import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appendixFileLabel } from '../../server/src/core/crossref/analysis.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../../server/src/core/workspace.js';
import { appendixFilesBeside, appendixWork } from '../../server/src/node/appendix-files.js';
import { nodeFileSystem } from '../../server/src/node/fs.js';
import { checkReportFiles } from '../../server/src/cli/check-run.js';
import { FIXTURE_TODAY } from './helpers.js';
import { repo, tempDir } from './cli-run.js';

test("a report's appendix files are the names appendixFileLabel accepts, in the folder's order", () => {
  const dir = tempDir();
  const names = [
    'budget.report.md',
    'budget.appendix-B.xlsx',
    'Budget.APPENDIX-c.pdf',
    'budget.appendix-AB.pdf',
    'budget.appendix-1.tar.gz',
    'budget.appendix-12.docx',
    'budget.v2.report.md',
    'budget.v2.appendix-A.pdf',
    'other.appendix-A.pdf',
    'notes.md',
    'plan.md',
    'plan.appendix-3.odt',
  ];
  for (const n of names) writeFileSync(join(dir, n), '');
  const listed = readdirSync(dir);
  for (const report of ['budget.report.md', 'budget.v2.report.md', 'plan.md', 'notes.md', 'other.report.md']) {
    const expected = listed.filter((n) => n !== report && appendixFileLabel(report, n) !== undefined).map((n) => join(dir, n));
    assert.deepEqual(appendixFilesBeside(join(dir, report), 0), expected, report);
  }
  assert.deepEqual(
    appendixFilesBeside(join(dir, 'budget.report.md'), 0).map((f) => f.slice(dir.length + 1)),
    listed.filter((n) => ['budget.appendix-B.xlsx', 'Budget.APPENDIX-c.pdf', 'budget.appendix-12.docx'].includes(n)),
  );
});

test('check FOLDER lists each folder once for the appendix files, not once per report', async () => {
  const dir = tempDir();
  const seeds = readdirSync(join(repo, 'test', 'seeds')).filter((f) => f.endsWith('.report.md'));
  const files: string[] = [];
  for (let i = 0; i < 30; i++) {
    const file = join(dir, `r${i}.report.md`);
    copyFileSync(join(repo, 'test', 'seeds', seeds[i % seeds.length]!), file);
    files.push(file);
  }
  writeFileSync(join(dir, 'r3.appendix-A.pdf'), '');
  const settingsFor = (file: string): WorkspaceSettings => loadWorkspaceSettings(nodeFileSystem, dirname(file));
  const before = appendixWork.listed;
  const run = await checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency: 1, version: 'test' });
  assert.equal(appendixWork.listed - before, 1);
  assert.equal(run.checked, 30);
  // The next run lists the folder afresh: a file added between runs is seen.
  writeFileSync(join(dir, 'r4.appendix-B.pdf'), '');
  await checkReportFiles(files, settingsFor, dirname, { today: FIXTURE_TODAY, fix: false, concurrency: 1, version: 'test' });
  assert.equal(appendixWork.listed - before, 2);
  assert.deepEqual(appendixFilesBeside(join(dir, 'r4.report.md'), Infinity), [join(dir, 'r4.appendix-B.pdf')]);
});
