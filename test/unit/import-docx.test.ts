import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseReport } from '../../server/src/core/check.js';
import { buildDocument, renderDocx } from '../../server/src/core/render/index.js';
import { BUILTIN_PROFILES } from '../../server/src/core/templates/loader.js';
import { DEFAULT_LIMITS, ImportError, importDocx } from '../../server/src/node/import/index.js';
import { readDocxPackage } from '../../server/src/node/import/package.js';
import { summary } from './import-summary.js';

const repo = join(import.meta.dirname, '..', '..');

async function roundTrip(file: string): Promise<{ before: string; after: string }> {
  const before = readFileSync(join(repo, 'examples', file), 'utf8');
  const bytes = await renderDocx(buildDocument(analyseReport(before)));
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  return { before, after: r.markdown };
}

describe('round trip: example → Word (export) → draft (import)', () => {
  for (const file of ['leicester-city-executive.report.md', 'leicester-city-scrutiny.report.md', 'leicestershire-county-committee.report.md']) {
    test(`${file} keeps its sections, numbers, sign-offs, front matter and findings`, async () => {
      const { before, after } = await roundTrip(file);
      assert.deepEqual(summary(after), summary(before));
    });
  }
});

test('round trip of the typical mistakes: the same findings, less what the Word export cannot carry', async () => {
  const { before, after } = await roundTrip('typical-mistakes.report.md');
  const a = summary(before) as Record<string, unknown>;
  const b = summary(after) as Record<string, unknown>;
  // The export prints the template's fields only, and a link to "#" as its words.
  const lost = /^\w+ (metadata\/unknown-key|link\/empty-target):/;
  assert.deepEqual(b.findings, (a.findings as string[]).filter((f) => !lost.test(f)));
  assert.deepEqual(b.frontMatter, (a.frontMatter as string[][]).filter(([k]) => k !== 'verison'));
  for (const k of ['template', 'title', 'sections', 'numbers', 'signoffs']) assert.deepEqual(b[k], a[k], k);
});

// ---- Word's automatic numbering, pictures, bad input ------------------------------------------

const { Document, Packer, Paragraph, TextRun, HeadingLevel, ImageRun, LevelFormat } = await import('docx');

async function docxOf(children: InstanceType<typeof Paragraph>[], extra: Record<string, unknown> = {}): Promise<Uint8Array> {
  const doc = new Document({ ...extra, sections: [{ children }] } as never);
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

test('automatic multi-level numbering comes out as Word shows it: "3.2" stays "3.2", restarts under each heading', async () => {
  const numbering = {
    config: [
      {
        reference: 'report',
        levels: [
          { level: 0, format: LevelFormat.DECIMAL, text: '%1.', start: 1 },
          { level: 1, format: LevelFormat.DECIMAL, text: '%1.%2', start: 1 },
          { level: 2, format: LevelFormat.LOWER_LETTER, text: '%3)', start: 1 },
        ],
      },
    ],
  };
  const h = (text: string): InstanceType<typeof Paragraph> => new Paragraph({ heading: HeadingLevel.HEADING_1, numbering: { reference: 'report', level: 0 }, children: [new TextRun(text)] });
  const para = (text: string, level = 1): InstanceType<typeof Paragraph> => new Paragraph({ numbering: { reference: 'report', level }, children: [new TextRun(text)] });
  const bytes = await docxOf(
    [h('Summary'), para('One.'), para('Two.'), h('Recommended actions/decision'), para('Three.'), h('Scrutiny / stakeholder engagement'), para('Four.'), para('Five.'), para('An item.', 2), para('Another.', 2), para('Six.')],
    { numbering },
  );
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  assert.equal(r.profile?.id, 'leicester-city/executive');
  const body = r.markdown.slice(r.markdown.indexOf('## 1.'));
  assert.deepEqual(body.split('\n').filter(Boolean), [
    '## 1. Summary',
    '1.1 One.',
    '1.2 Two.',
    '## 2. Recommended actions/decision',
    '2.1 Three.',
    '## 3. Scrutiny / stakeholder engagement',
    '3.1 Four.',
    '3.2 Five.',
    'a) An item.',
    'b) Another.',
    '3.3 Six.',
  ]);
});

test('pictures are never read and become a visible note; a large file of pictures imports', async () => {
  // A 12 MB "picture" (incompressible): only the XML parts are inflated.
  const png = Buffer.concat([Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'), (await import('node:crypto')).randomBytes(12 * 1024 * 1024)]);
  const bytes = await docxOf([
    new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('1. Summary')] }),
    new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 10, height: 10 }, altText: { name: 'map', description: 'Map of clusters', title: 'Map' } })] }),
  ]);
  assert.ok(bytes.byteLength > 12 * 1024 * 1024);
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  assert.match(r.markdown, /\*\(Picture not imported: Map of clusters\)\*/);
  assert.match(r.notes.join('\n'), /Pictures: 1 picture \(\d+ KB\) not imported/);
});

/** CRC-32 (the zip format's), over `data`. */
function crc32(data: Uint8Array): number {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  let crc = -1;
  for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/** A zip of stored (uncompressed) entries, written into one buffer: a file as large as its pictures. */
function storedZip(entries: { name: string; data: Uint8Array }[]): Uint8Array {
  const names = entries.map((e) => Buffer.from(e.name, 'utf8'));
  const size = entries.reduce((a, e, i) => a + 30 + names[i]!.length + e.data.length + 46 + names[i]!.length, 22);
  const out = Buffer.alloc(size);
  const central: Buffer[] = [];
  let at = 0;
  entries.forEach((e, i) => {
    const name = names[i]!;
    const crc = crc32(e.data);
    const fields = (b: Buffer, o: number): void => {
      b.writeUInt16LE(20, o); // version needed
      b.writeUInt16LE(0, o + 2); // flags
      b.writeUInt16LE(0, o + 4); // stored
      b.writeUInt32LE(0x00210000, o + 6); // 1 January 1980
      b.writeUInt32LE(crc, o + 10);
      b.writeUInt32LE(e.data.length, o + 14);
      b.writeUInt32LE(e.data.length, o + 18);
      b.writeUInt16LE(name.length, o + 22);
    };
    const cd = Buffer.alloc(46 + name.length);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    fields(cd, 6);
    cd.writeUInt32LE(at, 42);
    name.copy(cd, 46);
    central.push(cd);
    out.writeUInt32LE(0x04034b50, at);
    fields(out, at + 4);
    name.copy(out, at + 30);
    out.set(e.data, at + 30 + name.length);
    at += 30 + name.length + e.data.length;
  });
  const cdStart = at;
  for (const c of central) at += c.copy(out, at);
  out.writeUInt32LE(0x06054b50, at);
  out.writeUInt16LE(entries.length, at + 8);
  out.writeUInt16LE(entries.length, at + 10);
  out.writeUInt32LE(at - cdStart, at + 12);
  out.writeUInt32LE(cdStart, at + 16);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

test('a 100 MB Word file of photographs imports: the photographs are never inflated, each is a visible note', async () => {
  const { randomFillSync } = await import('node:crypto');
  const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
  const photo = (name: string): InstanceType<typeof Paragraph> => new Paragraph({ children: [new ImageRun({ type: 'png', data: Buffer.concat([png, Buffer.from(name)]), transformation: { width: 10, height: 10 }, altText: { name, description: name, title: name } })] });
  const small = await docxOf([new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('1. Summary')] }), photo('Site photograph 1'), photo('Site photograph 2')]);
  // The same package with each photograph 50 MB (a camera's full-size pictures), stored as written.
  const pkg = await readDocxPackage(small);
  assert.equal(pkg.skipped.length, 2);
  const entries = [...pkg.parts].map(([name, xml]) => ({ name, data: new TextEncoder().encode(xml) as Uint8Array }));
  for (const s of pkg.skipped) entries.push({ name: s.name, data: randomFillSync(new Uint8Array(50 * 1024 * 1024)) });
  const big = storedZip(entries);
  assert.ok(big.byteLength > 100 * 1024 * 1024);
  const r = await importDocx(big, { profiles: [...BUILTIN_PROFILES] });
  assert.match(r.markdown, /\*\(Picture not imported: Site photograph 1\)\*[\s\S]*\*\(Picture not imported: Site photograph 2\)\*/);
  // The size comes from the zip's directory: the pictures were skipped, not inflated.
  assert.match(r.notes.join('\n'), /Pictures: 2 pictures \(102400 KB\) not imported/);
});

function oleFile(streamName: string): Uint8Array {
  const head = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  return new Uint8Array(Buffer.concat([head, Buffer.alloc(504), Buffer.from(streamName, 'utf16le'), Buffer.alloc(64)]));
}

async function importError(bytes: Uint8Array, limits?: Parameters<typeof importDocx>[1]['limits']): Promise<{ code: string; message: string }> {
  try {
    await importDocx(bytes, { profiles: [...BUILTIN_PROFILES], ...(limits ? { limits } : {}) });
  } catch (e) {
    assert.ok(e instanceof ImportError, String(e));
    return { code: e.code, message: e.message };
  }
  assert.fail('imported');
}

test('bad input: each gets a clear message, none hangs', async () => {
  const good = await docxOf([new Paragraph({ children: [new TextRun('Hello')] })]);
  assert.deepEqual((await importError(oleFile('WordDocument'))).code, 'doc');
  assert.match((await importError(oleFile('WordDocument'))).message, /Word 97-2003 document \(\.doc\).*Save As/);
  const enc = await importError(oleFile('EncryptionInfo'));
  assert.equal(enc.code, 'encrypted');
  assert.match(enc.message, /password-protected/);
  assert.equal((await importError(new TextEncoder().encode('just some text'))).code, 'not-docx');
  const truncated = await importError(good.subarray(0, Math.floor(good.byteLength / 2)));
  assert.equal(truncated.code, 'damaged');
  assert.match(truncated.message, /damaged/);
  // Limits: the whole file, one part, and a part that inflates past its declared size.
  const big = await importError(good, { ...DEFAULT_LIMITS, fileBytes: 1000 });
  assert.equal(big.code, 'too-large');
  assert.match(big.message, /up to 0 MB|up to \d+ MB/);
  assert.equal((await importError(good, { ...DEFAULT_LIMITS, partBytes: 100 })).code, 'zip-bomb');
  // Lie about word/document.xml's size in the central directory: inflating stops at the lie.
  const lying = Buffer.from(good);
  const name = Buffer.from('word/document.xml');
  for (let i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); i >= 0; i = lying.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), i + 4)) {
    const len = lying.readUInt16LE(i + 28);
    if (lying.subarray(i + 46, i + 46 + len).equals(name)) lying.writeUInt32LE(10, i + 24);
  }
  assert.equal((await importError(new Uint8Array(lying))).code, 'damaged');
  // Not a Word package: a zip without the main document.
  const noMain = Buffer.from(good);
  const idx = noMain.indexOf(name);
  while (noMain.indexOf(name) >= 0) noMain.write('word/xxxxxxxx.xml', noMain.indexOf(name));
  assert.ok(idx >= 0);
  assert.equal((await importError(new Uint8Array(noMain))).code, 'not-docx');
});

test('tracked changes and comments made in Word are listed: which were accepted, which dropped', async () => {
  const { InsertedTextRun, DeletedTextRun, CommentRangeStart, CommentRangeEnd, CommentReference } = await import('docx');
  const bytes = await docxOf(
    [
      new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('1. Summary')] }),
      new Paragraph({
        children: [
          new TextRun('1.1 The plan '),
          new InsertedTextRun({ text: 'was agreed', id: 1, author: 'Jane Smith', date: '2026-02-01T10:00:00Z' }),
          new DeletedTextRun({ text: 'is a draft', id: 2, author: 'Jane Smith', date: '2026-02-01T10:00:00Z' }),
          new CommentRangeStart(0),
          new TextRun(' in March.'),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
        ],
      }),
    ],
    { comments: { children: [{ id: 0, author: 'Tom Brown', date: new Date('2026-02-02'), children: [new Paragraph({ children: [new TextRun('Which March?')] })] }] } },
  );
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  assert.match(r.markdown, /^1\.1 The plan was agreed in March\.$/m);
  assert.doesNotMatch(r.markdown, /is a draft|Which March/);
  const notes = r.notes.join('\n');
  assert.match(notes, /paragraph 1\.1 "The plan was agreed in March\.": accepted insertion by Jane Smith of "was agreed"/);
  assert.match(notes, /accepted deletion by Jane Smith of "is a draft"/);
  assert.match(notes, /paragraph 1\.1 "The plan was agreed in March\.": comment by Tom Brown: "Which March\?"/);
});

test('County form: capitalised header lines and bold headings (no heading styles) become front matter and sections', async () => {
  const bold = (text: string): InstanceType<typeof Paragraph> => new Paragraph({ children: [new TextRun({ text, bold: true })] });
  const plain = (text: string): InstanceType<typeof Paragraph> => new Paragraph({ children: [new TextRun(text)] });
  const bytes = await docxOf([
    bold('CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE:'),
    bold('5 SEPTEMBER 2024'),
    bold('TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE'),
    bold('PROGRAMME UPDATE'),
    bold('REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES'),
    bold('Purpose of the Report'),
    plain('1.\tThe purpose of this report is to update the Committee on SEND.'),
    bold('Policy Framework and Previous Decisions'),
    plain('2.\tThe Children and Families Act 2014.'),
    plain('3.\tThe Committee considered the programme in March 2023.'),
  ]);
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  assert.equal(r.profile?.id, 'leicestershire-county/committee');
  assert.equal(
    r.markdown,
    [
      '---',
      'template: leicestershire-county/committee',
      'committee: Children and Families Overview and Scrutiny Committee',
      'meeting_date: 5 September 2024',
      'report_of: Director of Children and Family Services',
      '---',
      '',
      '# Transforming SEND and Inclusion in Leicestershire Programme Update',
      '',
      '## Purpose of the Report',
      '',
      '1. The purpose of this report is to update the Committee on SEND.',
      '',
      '## Policy Framework and Previous Decisions',
      '',
      '2. The Children and Families Act 2014.',
      '3. The Committee considered the programme in March 2023.',
      '',
    ].join('\n'),
  );
});
