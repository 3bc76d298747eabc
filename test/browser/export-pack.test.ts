/**
 * The agenda pack export (`committee-report export pack FOLDER`): a pack of the example
 * reports and a pack of the County seed reports, to Word (opened by LibreOffice, converted
 * to PDF, read back with poppler) and to HTML. Skips the Word half without LibreOffice
 * and poppler-utils. UPDATE_README_IMAGE=1 also writes docs/images/export-pack.png (page 1
 * of the examples' pack: the front sheet and contents).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportPackCommand } from '../../server/src/cli/pack-export.js';
import { docxParagraphs, repo, which } from './render-fixtures.js';
import { tempDir } from '../temp-dirs.js';

const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
const pdftotext = which('pdftotext');
const skip = !soffice ? 'LibreOffice not found (apt-get install -y libreoffice-writer-nogui)' : !pdftoppm || !pdftotext ? 'poppler-utils not found (apt-get install -y poppler-utils)' : undefined;
if (skip) console.log(`# SKIP pack docx rendering tests: ${skip}`);

const EXAMPLES = ['leicester-city-executive', 'leicester-city-scrutiny', 'leicestershire-county-committee'];
const SEEDS = ['k1-tsil-programme-2023', 'k2-stable-homes-2023', 'k3-performance-q3-2023'];

function folderOf(from: string, names: string[], manifest: string): string {
  const dir = tempDir('cr-export-pack-');
  for (const n of names) copyFileSync(join(repo, from, `${n}.report.md`), join(dir, `${n}.report.md`));
  writeFileSync(join(dir, 'pack.yaml'), manifest);
  return dir;
}

async function exportPack(dir: string, format: string, extra: string[] = []): Promise<{ code: number; out: string; err: string; file: string }> {
  let out = '';
  let err = '';
  const file = join(dir, `pack.${format}`);
  const code = await exportPackCommand([dir, '--format', format, '--output', file, '--today', '2026-02-20', ...extra], dir, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err, file };
}

const examplesManifest = 'council: Leicester City Council\ncommittee: Children, Young People and Education Scrutiny Commission\nmeeting_date: 3 March 2026\nvenue: Meeting Room G.01, City Hall\nitems:\n  - leicester-city-scrutiny\n  - leicester-city-executive\n  - leicestershire-county-committee\n';

test('HTML: front sheet, contents with item numbers and titles in the manifest order, then each report in its layout', async () => {
  const dir = folderOf('examples', EXAMPLES, examplesManifest);
  const r = await exportPack(dir, 'html', ['--force']);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(r.file, 'utf8');
  assert.match(html, /<p class="cr-pack-council">Leicester City Council<\/p>\n<h1>Children, Young People and Education Scrutiny Commission<\/h1>\n<p><strong>Date:<\/strong> 3 March 2026<\/p>\n<p><strong>Venue:<\/strong> Meeting Room G.01, City Hall<\/p>/);
  const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td><a href="#item-(\d+)">([^<]*)<\/a><\/td><\/tr>/g)].map((m) => `${m[1]} ${m[3]}`);
  assert.equal(rows.length, 3);
  const titles = EXAMPLES.map((n) => /^# (.*)$/m.exec(readFileSync(join(repo, 'examples', `${n}.report.md`), 'utf8'))![1]!);
  assert.deepEqual(rows, [`1 ${titles[1]}`, `2 ${titles[0]}`, `3 ${titles[2]}`].map((s) => s.replace(/&/g, '&amp;')));
  assert.equal([...html.matchAll(/<section class="cr-pack-item" id="item-\d+">\n<p class="cr-pack-number">Item \d+<\/p>\n<article class="cr-report/g)].length, 3);
  assert.match(html, /Content-Security-Policy/);
});

test('a pack with errors is not exported without --force (exit 1, the files named)', async () => {
  const dir = folderOf('test/seeds', ['c6-improvement-plan-2025', 'c8-families-first-2025'], '');
  const r = await exportPack(dir, 'html');
  assert.equal(r.code, 1);
  assert.match(r.err, /c6-improvement-plan-2025\.report\.md: \d+ errors?\n {2}\S*c8-families-first-2025\.report\.md: \d+ errors?/);
  assert.ok(!existsSync(r.file));
});

describe('Word: the packs open in LibreOffice, one report a page run', { skip }, () => {
  const dir = tempDir('cr-export-pack-pdf-');
  const text = new Map<string, string>();
  const paragraphs = new Map<string, string[]>();
  before(async () => {
    const files: string[] = [];
    for (const [name, from, names, manifest] of [
      ['examples', 'examples', EXAMPLES, examplesManifest],
      ['seeds', 'test/seeds', SEEDS, 'venue: Sparkenhoe Committee Room, County Hall\n'],
    ] as const) {
      const folder = folderOf(from, [...names], manifest);
      const r = await exportPack(folder, 'docx', ['--force']);
      assert.equal(r.code, 0, r.err);
      const out = join(dir, `${name}.docx`);
      copyFileSync(r.file, out);
      files.push(out);
      paragraphs.set(name, (await docxParagraphs(readFileSync(out))).map((p) => p.text));
    }
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    const r = spawnSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}${r.stdout}`);
    for (const name of ['examples', 'seeds']) {
      const pdf = join(dir, `${name}.pdf`);
      assert.ok(existsSync(pdf), `LibreOffice converted ${name}.docx`);
      const t = spawnSync(pdftotext!, ['-layout', pdf, '-'], { encoding: 'utf8' });
      assert.equal(t.status, 0, t.stderr);
      text.set(name, t.stdout);
    }
    if (process.env.UPDATE_README_IMAGE) {
      const base = join(dir, 'readme-pack');
      const p = spawnSync(pdftoppm!, ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', join(dir, 'examples.pdf'), base], { encoding: 'utf8' });
      assert.equal(p.status, 0, p.stderr);
      mkdirSync(join(repo, 'docs', 'images'), { recursive: true });
      copyFileSync(`${base}.png`, join(repo, 'docs', 'images', 'export-pack.png'));
    }
  });

  test('examples: page 1 is the front sheet and contents; each item starts a page with "Item N"', () => {
    const pages = text.get('examples')!.split('\f');
    const first = pages[0]!.replace(/\s+/g, ' ');
    assert.match(first, /Leicester City Council Children, Young People and Education Scrutiny Commission Date: 3 March 2026 Venue: Meeting Room G\.01, City Hall Agenda Item Title 1 /);
    for (const n of [1, 2, 3]) assert.ok(pages.some((p) => new RegExp(`^\\s*Item ${n}\\b`).test(p)), `a page starts with Item ${n}`);
    assert.ok(!/^\s*Item 1\b/.test(pages[0]!), 'item 1 is not on the front sheet');
  });

  test('seeds: the County pack inferred from front matter, three items in file order, each report whole', () => {
    const all = text.get('seeds')!;
    const first = all.split('\f')[0]!.replace(/\s+/g, ' ');
    assert.match(first, /CHILDREN AND FAMILY SERVICES OVERVIEW AND SCRUTINY COMMITTEE Date: 7 March 2023 Venue: Sparkenhoe Committee Room, County Hall/);
    const ps = paragraphs.get('seeds')!;
    assert.deepEqual(ps.filter((p) => /^Item \d$/.test(p)), ['Item 1', 'Item 2', 'Item 3']);
    for (const officer of ['Alison Bradley', 'Sharon Cooke']) assert.match(all, new RegExp(officer));
  });
});
