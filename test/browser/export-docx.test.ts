/**
 * The Word export opens in a real word processor: each built-in template's clean example is
 * exported to .docx, converted to PDF by LibreOffice (headless), and page 1 is rendered to
 * an image by poppler. The PDF's text must show the header block, the sections and the
 * sign-offs; the page image must not be blank.
 *
 * Needs Debian packages libreoffice-writer-nogui and poppler-utils; skips without them.
 * UPDATE_README_IMAGE=1 also writes docs/images/export-docx.png (page 1 of the City example).
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderDocx } from '../../server/src/core/render/index.js';
import { EXAMPLES, docFor, readExample, repo, which } from './render-fixtures.js';
import { tempDir } from '../temp-dirs.js';


const soffice = which('soffice') ?? which('libreoffice');
const pdftoppm = which('pdftoppm');
const pdftotext = which('pdftotext');
const skip = !soffice
  ? 'LibreOffice not found (apt-get install -y libreoffice-writer-nogui)'
  : !pdftoppm || !pdftotext
    ? 'poppler-utils not found (apt-get install -y poppler-utils)'
    : undefined;
if (skip) console.log(`# SKIP docx rendering tests: ${skip}`);

const NAMES = {
  'leicester-city/executive': 'city-executive',
  'leicester-city/scrutiny': 'city-scrutiny',
  'leicestershire-county/committee': 'county-committee',
} as const;

/** A grey-scale page image (PGM, P5) and how much of it is ink. */
function inkShare(pgm: Buffer): number {
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.subarray(0, 64).toString('latin1'));
  assert.ok(header, 'a binary PGM');
  const [all, w, h] = header;
  const pixels = pgm.subarray(all.length, all.length + Number(w) * Number(h));
  let dark = 0;
  for (const p of pixels) if (p < 128) dark++;
  return dark / pixels.length;
}

describe('Word export opens in LibreOffice and shows the report', { skip }, () => {
  const dir = tempDir('committee-report-docx-');
  const pdfText = new Map<string, string>();

  before(async () => {
    const files: string[] = [];
    for (const [id, file] of Object.entries(EXAMPLES)) {
      const out = join(dir, `${NAMES[id as keyof typeof NAMES]}.docx`);
      writeFileSync(out, await renderDocx(docFor(readExample(file))));
      files.push(out);
    }
    // A private LibreOffice profile: no clash with an office already running.
    const profile = pathToFileURL(join(dir, 'lo-profile')).href;
    const r = spawnSync(soffice!, [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, ...files], {
      encoding: 'utf8',
      timeout: 180_000,
    });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}${r.stdout}`);
    for (const name of Object.values(NAMES)) {
      const pdf = join(dir, `${name}.pdf`);
      assert.ok(existsSync(pdf), `LibreOffice converted ${name}.docx to PDF`);
      const t = spawnSync(pdftotext!, ['-layout', pdf, '-'], { encoding: 'utf8' });
      assert.equal(t.status, 0, t.stderr);
      pdfText.set(name, t.stdout.replace(/[ \t]+/g, ' '));
    }
  });

  test('Leicester City executive: header block, "Useful information", sections 1-9 and sign-offs in the PDF', () => {
    const text = pdfText.get('city-executive')!;
    for (const s of [
      'Families First Partnership Programme',
      'Children, Young People and Education Scrutiny Commission',
      'Date of meeting: 3 March 2026',
      "Lead director: Damian Elcock, Director of Children's Social Work and Early Help",
      'Useful information',
      'Ward(s) affected: All',
      'Report author: Helen Sheppard',
      'Author contact details: helen.sheppard@leicester.gov.uk, 0116 454 1170',
      'Report version number: v1',
      '1. Summary',
      '5. Financial, legal, equalities, climate emergency and other implications',
      '5.1 Financial implications',
      'Signed: Mohammed Irfan, Head of Finance',
      'Dated: 3 February 2026',
      '9. Is this a "key decision"? If so, why?',
    ]) {
      assert.ok(text.includes(s), `PDF shows "${s}"`);
    }
    // In template order.
    const order = ['Families First', 'Useful information', '1. Summary', '4. Background', '5.4 Climate Emergency', '9. Is this'].map((s) => text.indexOf(s));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
  });

  test('Leicester City scrutiny: sections and 4.x sign-offs in the PDF', () => {
    const text = pdfText.get('city-scrutiny')!;
    for (const s of ['Social Care and Education Priorities and Performance 2026/27', 'Report version number: v2', '3. Detailed report', '4.3 Equalities implications', 'Signed: Sukhi Biring, Equalities Officer']) {
      assert.ok(text.includes(s), `PDF shows "${s}"`);
    }
  });

  test('Leicestershire County: capitalised header block and numbered paragraphs in the PDF', () => {
    const text = pdfText.get('county-committee')!;
    for (const s of [
      'CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE',
      '5 SEPTEMBER 2024',
      'REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES',
      'Purpose of the Report',
      '1. The purpose of this report is to update the Committee',
      'Officer to Contact',
      'Tel: 0116 305 2649',
    ]) {
      assert.ok(text.includes(s), `PDF shows "${s}"`);
    }
  });

  test('page 1 renders to an image with the report on it', () => {
    for (const name of Object.values(NAMES)) {
      const pdf = join(dir, `${name}.pdf`);
      const base = join(dir, `${name}-page`);
      let r = spawnSync(pdftoppm!, ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, base], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const png = readFileSync(`${base}.png`);
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      r = spawnSync(pdftoppm!, ['-gray', '-r', '30', '-f', '1', '-l', '1', '-singlefile', pdf, base], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      const ink = inkShare(readFileSync(`${base}.pgm`));
      // Text on the page, but not a black page.
      assert.ok(ink > 0.01 && ink < 0.4, `${name}: ${Math.round(ink * 1000) / 10}% of page 1 is ink`);
    }
    if (process.env.UPDATE_README_IMAGE) {
      const pdf = join(dir, 'city-executive.pdf');
      const base = join(dir, 'readme');
      const r = spawnSync(pdftoppm!, ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, base], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      mkdirSync(join(repo, 'docs', 'images'), { recursive: true });
      copyFileSync(`${base}.png`, join(repo, 'docs', 'images', 'export-docx.png'));
    }
  });
});
