import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { TestClient, ROOT } from './lsp-client.js';
import { tempDir } from '../temp-dirs.js';
import type { Stats } from '../../server/src/lsp/protocol.js';

/**
 * The server sees agenda packs change on disk (a manifest edited, a report added or
 * deleted) through the file watcher it registers, and checks again only the open reports
 * of the folders that changed; an open report's facts are its text's in the editor, so
 * saving it changes nothing (packs-unsaved.test.ts). Counts, never time, say what was checked.
 */

const GOOD = readFileSync(join(ROOT, 'test', 'lsp', 'fixtures', 'executive.report.md'), 'utf8');
const COMMITTEE = 'Children, Young People and Education Scrutiny Commission';
const uri = (path: string): string => pathToFileURL(path).href;
const packCodes = (ds: Diagnostic[]): string[] => ds.map((d) => String(d.code)).filter((c) => c.startsWith('pack/')).sort();
const manifestFindings = (ds: Diagnostic[] | undefined): string[] => (ds ?? []).map((d) => `${d.range.start.line} ${String(d.code)}`);

describe('agenda packs changed on disk', () => {
  const root = tempDir('cr-packs-');
  const oct = join(root, 'oct');
  const nov = join(root, 'nov');
  const elsewhere = join(root, 'elsewhere');
  const octManifest = join(oct, 'pack.yaml');
  const a = uri(join(oct, 'a.report.md'));
  const c = uri(join(nov, 'c.report.md'));
  let client: TestClient;
  const stats = (): Promise<Stats> => client.request<Stats>('committeeReports/stats', {});

  before(async () => {
    for (const d of [oct, nov, elsewhere]) mkdirSync(d, { recursive: true });
    writeFileSync(octManifest, `committee: ${COMMITTEE}\nmeeting_date: 3 March 2026\nitems:\n  - a\n  - b\n`);
    writeFileSync(join(nov, 'pack.yaml'), `committee: ${COMMITTEE}\n`);
    writeFileSync(join(oct, 'a.report.md'), GOOD);
    writeFileSync(join(nov, 'c.report.md'), GOOD);
    client = await new TestClient({ folders: [root] }).start();
    await client.open(a, GOOD);
    await client.open(c, GOOD);
    // A fresh server answers first without the dictionary, then asks for a pull of the full
    // set (stages.test.ts): after that, result ids change only when something does.
    const refreshes = client.refreshes;
    await client.pull(a);
    await client.waitForRefresh(refreshes);
    for (const u of [a, c]) assert.deepEqual(packCodes((await client.pull(u)).items), [], u);
    await client.waitForPublished(() => manifestFindings(client.published.get(uri(octManifest))).length > 0);
    assert.deepEqual(manifestFindings(client.published.get(uri(octManifest))), ['4 pack/missing-item']);
  });
  after(() => client.stop());

  test('the server watches the pack manifests and the Markdown files', () => {
    const watchers = client.registrations.filter((r) => r.method === 'workspace/didChangeWatchedFiles').at(-1)!.registerOptions as { watchers: { globPattern: unknown }[] };
    const globs = watchers.watchers.map((w) => w.globPattern);
    assert.deepEqual(globs.slice(0, 3), ['**/.committee-reports.{json,yaml,yml}', '**/{pack.yaml,pack.yml}', '**/*.md']);
  });

  test("editing pack.yaml's committee on disk changes the open report's findings; the other pack's report is not checked again", async () => {
    const before = await stats();
    const refreshes = client.refreshes;
    writeFileSync(octManifest, `committee: Health Scrutiny Commission\nmeeting_date: 3 March 2026\nitems:\n  - a\n  - b\n`);
    await client.filesChanged({ path: octManifest, type: 'changed' });
    await client.waitForRefresh(refreshes);
    const mine = await client.pull(a);
    assert.equal(mine.kind, 'full');
    assert.deepEqual(packCodes(mine.items), ['pack/committee']);
    assert.match(String(mine.items.find((d) => d.code === 'pack/committee')!.message), /the pack is for "Health Scrutiny Commission"/);
    assert.equal((await client.pull(c)).kind, 'unchanged');
    const after = await stats();
    assert.equal(after.checks - before.checks, 1, 'one report checked again');
    assert.deepEqual(after.watched, { settings: before.watched.settings, packFolders: before.watched.packFolders + 1, documents: before.watched.documents + 1 });
  });

  test("a new report with another phone number for the same officer shows in the open report's findings, and deleting it clears them", async () => {
    const b = join(oct, 'b.report.md');
    writeFileSync(b, GOOD.replace('0116 454 1170', '0116 454 9999').replace('# Families First Partnership Programme', '# Family Help'));
    let refreshes = client.refreshes;
    await client.filesChanged({ path: b, type: 'created' });
    await client.waitForRefresh(refreshes);
    const added = await client.pull(a);
    assert.deepEqual(packCodes(added.items), ['pack/committee', 'pack/officer-details']);
    assert.match(String(added.items.find((d) => d.code === 'pack/officer-details')!.message), /b\.report\.md gives 0116 454 9999/);
    // The manifest's findings are published again: item b now has its report.
    await client.waitForPublished(() => manifestFindings(client.published.get(uri(octManifest))).length === 0);
    assert.equal((await client.pull(c)).kind, 'unchanged');

    unlinkSync(b);
    refreshes = client.refreshes;
    await client.filesChanged({ path: b, type: 'deleted' });
    await client.waitForRefresh(refreshes);
    assert.deepEqual(packCodes((await client.pull(a)).items), ['pack/committee']);
    await client.waitForPublished(() => manifestFindings(client.published.get(uri(octManifest))).length > 0);
    assert.deepEqual(manifestFindings(client.published.get(uri(octManifest))), ['4 pack/missing-item']);
  });

  test("a change in another folder, a pack with no open report or no pack at all, checks nothing again", async () => {
    const before = await stats();
    const refreshes = client.refreshes;
    const dec = join(root, 'dec');
    mkdirSync(dec);
    writeFileSync(join(dec, 'pack.yaml'), `committee: ${COMMITTEE}\n`);
    writeFileSync(join(dec, 'x.report.md'), GOOD.replace('0116 454 1170', '0116 454 0000'));
    writeFileSync(join(elsewhere, 'y.report.md'), GOOD.replace('0116 454 1170', '0116 454 0000'));
    await client.filesChanged({ path: join(dec, 'pack.yaml'), type: 'created' }, { path: join(dec, 'x.report.md'), type: 'created' });
    // No manifest in that folder: no pack, nothing to make stale.
    await client.filesChanged({ path: join(elsewhere, 'y.report.md'), type: 'created' });
    // Notifications are handled in order: the stats are asked for after both.
    const after = await stats();
    assert.deepEqual(after.watched, { settings: before.watched.settings, packFolders: before.watched.packFolders + 1, documents: before.watched.documents });
    for (const u of [a, c]) assert.equal((await client.pull(u)).kind, 'unchanged', u);
    assert.equal((await stats()).checks, before.checks, 'nothing was checked');
    assert.equal(client.refreshes, refreshes, 'no pull was asked for');
  });

  test('an unsaved edit of an open report of the pack re-checks the other open reports there; saving it then re-checks none', async () => {
    const dPath = join(oct, 'd.report.md');
    const d = uri(dPath);
    const draft = GOOD.replace('# Families First Partnership Programme', '# Family Group Decision Making');
    writeFileSync(dPath, draft);
    const refreshes = client.refreshes;
    await client.filesChanged({ path: dPath, type: 'created' });
    await client.waitForRefresh(refreshes);
    await client.open(d, draft);
    await client.pull(d);
    assert.deepEqual(packCodes((await client.pull(a)).items), ['pack/committee']);
    const before = await stats();
    // Edited in the editor, not saved: a is checked again against d's text.
    const edited = draft.replace('0116 454 1170', '0116 454 7777');
    await client.setText(d, edited);
    await client.pull(d);
    const mine = await client.pull(a);
    assert.equal(mine.kind, 'full');
    assert.deepEqual(packCodes(mine.items), ['pack/committee', 'pack/officer-details']);
    assert.match(String(mine.items.find((d) => d.code === 'pack/officer-details')!.message), /d\.report\.md gives 0116 454 7777/);
    assert.equal((await client.pull(c)).kind, 'unchanged', 'another pack');
    // Saved: the pack already has d's text, nothing is checked again.
    writeFileSync(dPath, edited);
    await client.filesChanged({ path: dPath, type: 'changed' });
    for (const u of [a, d, c]) assert.equal((await client.pull(u)).kind, 'unchanged', u);
    const after = await stats();
    assert.equal(after.checks - before.checks, 2, 'd, then a');
    assert.deepEqual(after.watched, before.watched);
    assert.deepEqual(after.packEdits, { reports: before.packEdits.reports + 1, documents: before.packEdits.documents + 1 });
  });
});
