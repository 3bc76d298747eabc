import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, ROOT } from './lsp-client.js';
import { tempDir } from '../temp-dirs.js';
import type { CheckFilesResult, Stats } from '../../server/src/lsp/protocol.js';

/**
 * The pack facts of an open report are those of its text in the editor, saved or not: an
 * unsaved edit that changes them (a phone number, the committee) re-checks the other open
 * reports of its pack; an edit that does not re-checks none; closing the report unsaved
 * brings back the facts on disk. And a pack folder deleted whole leaves no pack findings
 * behind. Counts of checks and of refreshes, never time, say what happened.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
const COMMITTEE = 'Children, Young People and Education Scrutiny Commission';
const PHONE = '0116 454 1170';
const uri = (path: string): string => pathToFileURL(path).href;
const packCodes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).filter((c) => c.startsWith('pack/')).sort();
const officerMessage = (ds: Diagnostic[]): string => String(ds.find((d) => d.code === 'pack/officer-details')?.message ?? '');

describe('pack findings follow unsaved edits of the open reports', () => {
  const root = tempDir('cr-packs-unsaved-');
  const oct = join(root, 'oct');
  const aPath = join(oct, 'a.report.md');
  const a = uri(aPath);
  const b = uri(join(oct, 'b.report.md'));
  const B_TEXT = GOOD.replace('# Families First Partnership Programme', '# Family Help');
  let client: TestClient;
  const stats = (): Promise<Stats> => client.request<Stats>('committeeReports/stats', {});

  before(async () => {
    mkdirSync(oct, { recursive: true });
    writeFileSync(join(oct, 'pack.yaml'), `committee: ${COMMITTEE}\nmeeting_date: 3 March 2026\nitems:\n  - a\n  - b\n`);
    writeFileSync(aPath, GOOD);
    writeFileSync(join(oct, 'b.report.md'), B_TEXT);
    client = await startWithPair(root, a, GOOD, b, B_TEXT);
    for (const u of [a, b]) assert.deepEqual(packCodes((await client.pull(u)).items), [], u);
  });
  after(() => client.stop());

  test("typing in a paragraph of a re-checks no other report; an unsaved new phone number in a shows in b's findings, and putting it back clears them", async () => {
    // An ordinary edit: a is checked again, b is not, and no pull is asked for.
    let before = await stats();
    let refreshes = client.refreshes;
    await client.setText(a, GOOD.replace('meets every two months', 'meets every month'));
    assert.equal((await client.pull(a)).kind, 'full');
    assert.equal(client.refreshes, refreshes, 'no pull asked for');
    assert.equal((await client.pull(b)).kind, 'unchanged');
    let after = await stats();
    assert.equal(after.checks - before.checks, 1, 'only a was checked');
    assert.deepEqual(after.packEdits, before.packEdits);

    // The officer's phone number changes (not saved): b is checked again and says so.
    before = after;
    refreshes = client.refreshes;
    await client.setText(a, GOOD.replace('meets every two months', 'meets every month').replace(PHONE, '0116 454 9999'));
    const mine = await client.pull(a);
    assert.deepEqual(packCodes(mine.items), ['pack/officer-details']);
    assert.match(officerMessage(mine.items), /b\.report\.md gives 0116 454 1170/);
    assert.ok(client.refreshes > refreshes, 'a pull of the other reports is asked for');
    const changed = await client.pull(b);
    assert.equal(changed.kind, 'full');
    assert.deepEqual(packCodes(changed.items), ['pack/officer-details']);
    assert.match(officerMessage(changed.items), /a\.report\.md gives 0116 454 9999/);
    after = await stats();
    assert.equal(after.checks - before.checks, 2);
    assert.deepEqual(after.packEdits, { reports: before.packEdits.reports + 1, documents: before.packEdits.documents + 1 });

    // Put back (still not saved): b's finding goes.
    refreshes = client.refreshes;
    await client.setText(a, GOOD);
    await client.pull(a);
    assert.ok(client.refreshes > refreshes);
    const back = await client.pull(b);
    assert.equal(back.kind, 'full');
    assert.deepEqual(packCodes(back.items), []);
  });

  test("an unsaved committee in a that the manifest does not name is a's finding, not b's", async () => {
    const before = await stats();
    await client.setText(a, GOOD.replace(`committee: ${COMMITTEE}`, 'committee: Health Scrutiny Commission'));
    assert.deepEqual(packCodes((await client.pull(a)).items), ['pack/committee', 'pack/unknown-committee']);
    // The committee is a fact of a's: b is checked again, and finds nothing.
    const other = await client.pull(b);
    assert.equal(other.kind, 'full');
    assert.deepEqual(packCodes(other.items), []);
    await client.setText(a, GOOD);
    assert.deepEqual(packCodes((await client.pull(a)).items), []);
    assert.equal((await client.pull(b)).kind, 'full');
    assert.equal((await stats()).checks - before.checks, 4);
  });

  test('closing a with unsaved facts brings back its facts on disk; closing it unchanged re-checks nothing', async () => {
    await client.setText(a, GOOD.replace(PHONE, '0116 454 9999'));
    await client.pull(a);
    assert.deepEqual(packCodes((await client.pull(b)).items), ['pack/officer-details']);

    let refreshes = client.refreshes;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a } });
    await client.waitForRefresh(refreshes);
    const reverted = await client.pull(b);
    assert.equal(reverted.kind, 'full');
    assert.deepEqual(packCodes(reverted.items), [], 'the disk gives the same phone number as b');

    // Opened and closed again with the text on disk: nothing changes for b.
    await client.open(a, GOOD);
    await client.pull(a);
    const before = await stats();
    refreshes = client.refreshes;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a } });
    // The stats request is answered after the close has been handled, and its look at the disk.
    await stats();
    assert.equal((await client.pull(b)).kind, 'unchanged');
    assert.equal(client.refreshes, refreshes);
    assert.equal((await stats()).checks, before.checks);
    await client.open(a, GOOD);
    await client.pull(a);
  });

  test('saving a report whose unsaved facts the others already follow re-checks none of them', async () => {
    const edited = GOOD.replace(PHONE, '0116 454 7777');
    await client.setText(a, edited);
    await client.pull(a);
    assert.match(officerMessage((await client.pull(b)).items), /a\.report\.md gives 0116 454 7777/);
    const before = await stats();
    writeFileSync(aPath, edited);
    await client.filesChanged({ path: aPath, type: 'changed' });
    for (const u of [a, b]) assert.equal((await client.pull(u)).kind, 'unchanged', u);
    assert.equal((await stats()).checks, before.checks);
    writeFileSync(aPath, GOOD);
    await client.setText(a, GOOD);
    await client.filesChanged({ path: aPath, type: 'changed' });
    await client.pull(a);
    assert.deepEqual(packCodes((await client.pull(b)).items), []);
  });
});

describe('a pack folder deleted whole', () => {
  const root = tempDir('cr-packs-deleted-');
  const COMMITTEE_LINE = `committee: ${COMMITTEE}\nmeeting_date: 3 March 2026\n`;
  let client: TestClient;
  const stats = (): Promise<Stats> => client.request<Stats>('committeeReports/stats', {});

  /** A pack of two reports that give the officer different phone numbers, and a manifest item with no report. */
  const makePack = (name: string): { dir: string; x: string; y: string; manifest: string } => {
    const dir = join(root, name);
    mkdirSync(dir, { recursive: true });
    const manifest = join(dir, 'pack.yaml');
    writeFileSync(manifest, `${COMMITTEE_LINE}items:\n  - x\n  - y\n  - z\n`);
    writeFileSync(join(dir, 'x.report.md'), GOOD);
    writeFileSync(join(dir, 'y.report.md'), GOOD.replace(PHONE, '0116 454 0000').replace('# Families First Partnership Programme', '# Family Help'));
    return { dir, x: uri(join(dir, 'x.report.md')), y: uri(join(dir, 'y.report.md')), manifest: uri(manifest) };
  };

  before(async () => {
    client = await new TestClient({ folders: [root] }).start();
  });
  after(() => client.stop());

  for (const how of ['the folder alone', 'each file, the reports first']) {
    test(`told by ${how}: the open report loses its pack findings, the manifest's are withdrawn, and the server goes on`, async () => {
      const name = how === 'the folder alone' ? 'dec' : 'jan';
      const pack = makePack(name);
      await client.open(pack.x, GOOD);
      const first = await client.pull(pack.x);
      if (client.refreshes === 0) await client.waitForRefresh(0);
      assert.deepEqual(packCodes((await client.pull(pack.x)).items), ['pack/officer-details'], JSON.stringify(first.items.map((d) => d.code)));
      // "Check All Reports in Workspace" checked the closed one too.
      const all = await client.request<CheckFilesResult>('committeeReports/checkFiles', { uris: [pack.x, pack.y] });
      assert.deepEqual(packCodes(all.files.find((f) => f.uri === pack.y)!.diagnostics as Diagnostic[]), ['pack/officer-details']);
      assert.ok(all.files.some((f) => f.uri === pack.manifest && f.manifest));
      await client.waitForPublished(() => (client.published.get(pack.manifest) ?? []).length > 0);

      const before = await stats();
      const refreshes = client.refreshes;
      rmSync(pack.dir, { recursive: true });
      // The watcher may name the folder alone, or each file: then the reports' deletions may
      // come first, when the folder has no manifest any more.
      if (how === 'the folder alone') await client.filesChanged({ path: pack.dir, type: 'deleted' });
      else await client.filesChanged({ path: join(pack.dir, 'x.report.md'), type: 'deleted' }, { path: join(pack.dir, 'y.report.md'), type: 'deleted' });
      // Notifications are handled in order, and a pull asked for before the stats are answered.
      await stats();
      assert.ok(client.refreshes > refreshes, 'a pull of the open report is asked for');
      const now = await client.pull(pack.x);
      assert.equal(now.kind, 'full');
      assert.deepEqual(packCodes(now.items), []);
      await client.waitForPublished(() => (client.published.get(pack.manifest) ?? []).length === 0);
      assert.equal((await stats()).checks - before.checks, 1);
      if (how !== 'the folder alone') await client.filesChanged({ path: join(pack.dir, 'pack.yaml'), type: 'deleted' });
      const again = await client.request<CheckFilesResult>('committeeReports/checkFiles', { uris: [pack.x] });
      assert.deepEqual(packCodes(again.files.find((f) => f.uri === pack.x)!.diagnostics as Diagnostic[]), []);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: pack.x } });
      assert.equal(typeof (await stats()).pid, 'number', 'the server still answers');
    });
  }
});

describe("a pack whose committee is its reports' majority", () => {
  const root = tempDir('cr-packs-majority-');
  const feb = join(root, 'feb');
  const a = uri(join(feb, 'a.report.md'));
  const b = uri(join(feb, 'b.report.md'));
  const B_TEXT = GOOD.replace('# Families First Partnership Programme', '# Family Help');
  const OTHER = 'Health and Wellbeing Scrutiny Commission';
  let client: TestClient;
  const committeeFindings = (ds: Diagnostic[]): string[] => ds.filter((d) => d.code === 'pack/committee').map((d) => String(d.message));

  before(async () => {
    mkdirSync(feb, { recursive: true });
    writeFileSync(join(feb, 'pack.yaml'), 'venue: Town Hall\n');
    writeFileSync(join(feb, 'a.report.md'), GOOD);
    writeFileSync(join(feb, 'b.report.md'), B_TEXT);
    client = await startWithPair(root, a, GOOD, b, B_TEXT);
  });
  after(() => client.stop());

  test("an unsaved committee in the first report is its own vote: the pack's committee follows it in a's check as in b's", async () => {
    await client.setText(a, GOOD.replace(`committee: ${COMMITTEE}`, `committee: ${OTHER}`));
    // One vote each: the first report's wins (as `committee-report check` of the same files gives).
    assert.deepEqual(committeeFindings((await client.pull(a)).items), []);
    assert.deepEqual(committeeFindings((await client.pull(b)).items), [`This report is for "${COMMITTEE}", but the pack is for "${OTHER}" (from most reports in the pack).`]);
  });
});

/** A server on `root` with reports a and b open, after a's first check and the refresh its pack facts bring. */
async function startWithPair(root: string, a: string, aText: string, b: string, bText: string): Promise<TestClient> {
  const client = await new TestClient({ folders: [root] }).start();
  await client.open(a, aText);
  await client.open(b, bText);
  const refreshes = client.refreshes;
  await client.pull(a);
  await client.waitForRefresh(refreshes);
  return client;
}
