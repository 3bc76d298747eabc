import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../temp-dirs.js';

/** Runs the built `committee-report` command (npm run build first: `npm test` does). */
const repo = join(import.meta.dirname, '..', '..');
const bin = join(repo, 'bin', 'committee-report.js');

function run(args: string[], cwd = repo) {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** A Word file of the typical mistakes, made by the exporter. */
function wordFile(): { dir: string; docx: string } {
  const dir = tempDir('committee-report-import-cli-');
  const docx = join(dir, 'typical.docx');
  const r = run(['export', 'examples/typical-mistakes.report.md', '--force', '--output', docx]);
  assert.equal(r.code, 0, r.err);
  return { dir, docx };
}

test('import writes the draft beside the .docx, says which template, and will not overwrite without --force', () => {
  const { dir, docx } = wordFile();
  const r = run(['import', docx], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Imported typical\.docx to typical\.report\.md \(leicester-city\/executive, recognised from its headings\)\.$/m);
  const draft = readFileSync(join(dir, 'typical.report.md'), 'utf8');
  assert.match(draft, /^template: leicester-city\/executive$/m);
  assert.match(draft, /^## 5\. Financial, legal, equalities, climate emergency and other implications$/m);
  const again = run(['import', docx], dir);
  assert.equal(again.code, 2);
  assert.match(again.err, /typical\.report\.md exists; add --force to replace it/);
  assert.equal(run(['import', docx, '--force'], dir).code, 0);
});

test('import --output - prints the draft; --template names the form; an unknown one is a usage error', () => {
  const { dir, docx } = wordFile();
  const r = run(['import', docx, '--output', '-', '--template', 'leicester-city/scrutiny'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^template: leicester-city\/scrutiny$/m);
  assert.match(r.err, /leicester-city\/scrutiny, as given/);
  const bad = run(['import', docx, '--template', 'nope/nope'], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /unknown template "nope\/nope"/);
  assert.equal(existsSync(join(dir, 'typical.report.md')), false);
});

test('import of a .doc says how to convert it; a missing file is an error', () => {
  const dir = tempDir('committee-report-import-cli-');
  writeFileSync(join(dir, 'old.doc'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));
  const r = run(['import', 'old.doc'], dir);
  assert.equal(r.code, 2);
  assert.match(r.err, /old\.doc: This is an old Word 97-2003 document \(\.doc\)/);
  assert.equal(run(['import', 'none.docx'], dir).code, 2);
});

test('check REPORT.docx: findings named by paragraph number or heading and first words, in text, JSON and SARIF', () => {
  const { dir, docx } = wordFile();
  const text = run(['check', docx, '--today', '2026-02-20'], dir);
  assert.equal(text.code, 1, text.err);
  assert.match(text.out, /^typical\.docx: paragraph 1\.3 "Demand for EHCPs has risen by…" {2}error {2}numbering\/gap {2}Paragraph 1\.3 follows 1\.1: 1\.2 is missing\.$/m);
  assert.match(text.out, /^typical\.docx: heading "5\.4 Climate Change implications" {2}warning {2}structure\/heading-wording /m);
  assert.match(text.out, /^typical\.docx: header block, "Lead director" {2}error {2}metadata\/value-type /m);
  // A message that cites a draft line cites the Word place instead.
  assert.match(text.out, /spelt out at paragraph 4\.1 "The High Needs Block \(HNB\) is…"/);
  assert.doesNotMatch(text.out, /\bline \d+/);
  const json = JSON.parse(run(['check', docx, '--format', 'json', '--today', '2026-02-20'], dir).out) as Record<string, unknown>[];
  const gap = json.find((f) => f.ruleId === 'numbering/gap')!;
  assert.deepEqual(gap, { file: 'typical.docx', place: 'paragraph 1.3 "Demand for EHCPs has risen by…"', ruleId: 'numbering/gap', severity: 'error', message: 'Paragraph 1.3 follows 1.1: 1.2 is missing.' });
  const sarif = JSON.parse(run(['check', docx, '--format', 'sarif', '--today', '2026-02-20'], dir).out) as { runs: { results: { ruleId: string; locations: { logicalLocations: { name: string }[]; physicalLocation: { artifactLocation: { uri: string }; region?: unknown } }[] }[] }[] };
  const res = sarif.runs[0]!.results.find((x) => x.ruleId === 'numbering/gap')!;
  assert.equal(res.locations[0]!.logicalLocations[0]!.name, 'paragraph 1.3 "Demand for EHCPs has risen by…"');
  assert.equal(res.locations[0]!.physicalLocation.artifactLocation.uri, 'typical.docx');
  assert.equal(res.locations[0]!.physicalLocation.region, undefined);
});

test('check of a damaged .docx is one clear error finding, and the other reports are still checked', () => {
  const dir = tempDir('committee-report-import-cli-');
  writeFileSync(join(dir, 'broken.docx'), 'PK\u0003\u0004 not really a zip');
  const r = run(['check', 'broken.docx', join(repo, 'examples/leicester-city-executive.report.md'), '--today', '2026-02-20'], dir);
  assert.equal(r.code, 1);
  assert.match(r.out, /^broken\.docx: whole document {2}error {2}import {2}The \.docx file is damaged/m);
  assert.match(r.out, /2 reports checked, 1 clean/);
});

test("import uses the workspace's default template when the headings name none", async () => {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  const dir = tempDir('committee-report-import-cli-');
  writeFileSync(join(dir, '.committee-reports.json'), JSON.stringify({ defaultTemplate: 'leicestershire-county/committee' }));
  const doc = new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun('A note with no template headings.')] })] }] });
  writeFileSync(join(dir, 'note.docx'), new Uint8Array(await Packer.toArrayBuffer(doc)));
  const r = run(['import', 'note.docx', '--output', '-'], dir);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^template: leicestershire-county\/committee$/m);
  assert.match(r.err, /leicestershire-county\/committee, the workspace's default template/);
});

test('check FOLDER finds the Word reports beside the drafts, each report once, each Word finding placed in words', async () => {
  const dir = tempDir('committee-report-import-cli-');
  const sub = join(dir, 'march');
  const { mkdirSync, copyFileSync } = await import('node:fs');
  mkdirSync(sub);
  // A Word report alone (upper-case extension, as old systems write it), in a subfolder.
  assert.equal(run(['export', 'examples/typical-mistakes.report.md', '--force', '--output', join(sub, 'incoming.docx')]).code, 0);
  const { renameSync } = await import('node:fs');
  renameSync(join(sub, 'incoming.docx'), join(sub, 'Incoming.DOCX'));
  // A draft and its Word copy (the export's name): checked once, as the draft.
  copyFileSync(join(repo, 'examples/leicester-city-executive.report.md'), join(dir, 'budget.report.md'));
  assert.equal(run(['export', 'budget.report.md', '--format', 'docx'], dir).code, 0);
  assert.ok(existsSync(join(dir, 'budget.docx')));
  // What is never a report: Word's owner file, a report's appendix, a blank form.
  writeFileSync(join(dir, '~$budget.docx'), Buffer.alloc(162, 1));
  copyFileSync(join(dir, 'budget.docx'), join(dir, 'budget.appendix-B.docx'));
  copyFileSync(join(dir, 'budget.docx'), join(dir, 'blank-form.dotx'));
  // An old .doc is checked, and told how to convert.
  writeFileSync(join(dir, 'old.doc'), Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(600)]));

  const text = run(['check', '.', '--today', '2026-02-20'], dir);
  assert.equal(text.code, 1, text.err);
  const files = [...new Set(text.out.split('\n').map((l) => /^(\S+?)(?::\d+:\d+|:) /.exec(l)?.[1]).filter(Boolean))].sort();
  assert.deepEqual(files, ['budget.report.md', 'march/Incoming.DOCX', 'old.doc']);
  // The appendix file is the draft's appendix, not a report.
  assert.match(text.out, /^budget\.report\.md:\d+:\d+ {2}warning {2}crossref\/appendix-summary {2}Appendix B \(file budget\.appendix-B\.docx\) is attached/m);
  assert.match(text.out, /^march\/Incoming\.DOCX: paragraph 1\.3 "Demand for EHCPs has risen by…" {2}error {2}numbering\/gap /m);
  assert.match(text.out, /^old\.doc: whole document {2}error {2}import {2}This is an old Word 97-2003 document \(\.doc\)/m);
  assert.match(text.out, /^3 reports checked, 0 clean/m, 'budget.report.md, the .docx alone and the .doc');
  assert.equal(text.err, 'committee-report: not checked, the Word copy of a draft checked beside it (name the .docx to check it too): budget.docx\n');

  const json = JSON.parse(run(['check', '.', '--format', 'json', '--today', '2026-02-20'], dir).out) as Record<string, unknown>[];
  assert.deepEqual([...new Set(json.map((f) => f.file))].sort(), ['budget.report.md', 'march/Incoming.DOCX', 'old.doc']);
  assert.ok(json.filter((f) => f.file === 'march/Incoming.DOCX').every((f) => typeof f.place === 'string' && f.line === undefined));
  assert.ok(json.some((f) => f.place === 'heading "5.4 Climate Change implications"'));
  const sarif = JSON.parse(run(['check', '.', '--format', 'sarif', '--today', '2026-02-20'], dir).out) as { runs: { results: { locations: { logicalLocations?: { name: string }[]; physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
  const word = sarif.runs[0]!.results.filter((x) => x.locations[0]!.physicalLocation.artifactLocation.uri === 'march/Incoming.DOCX');
  assert.ok(word.length > 0 && word.every((x) => /^(paragraph|heading|header block|report title|"|section|whole document|start)/.test(x.locations[0]!.logicalLocations![0]!.name)));

  // Named, the Word copy is checked too; a glob that finds only Word files checks them; an owner file is never read.
  const named = run(['check', 'budget.docx', 'budget.report.md', '~$budget.docx', '--today', '2026-02-20'], dir);
  assert.match(named.out, /^2 reports checked, 1 clean: 0 errors, 1 warning/m, named.out);
  assert.equal(named.err, '');
  const globbed = run(['check', '*.docx', '--today', '2026-02-20'], dir);
  assert.match(globbed.out, /^1 report checked/m, globbed.out);
  assert.equal(globbed.err, '');
});

test('check REPORT.docx says which tracked changes it checked as accepted and which comments it left out, each where Word shows it', async () => {
  const { Document, Packer, Paragraph, TextRun, HeadingLevel, InsertedTextRun, DeletedTextRun, CommentRangeStart, CommentRangeEnd, CommentReference } = await import('docx');
  const by = { author: 'Jane Smith', date: '2026-02-01T10:00:00Z' };
  const doc = new Document({
    comments: { children: [{ id: 0, author: 'Tom Brown', date: new Date('2026-02-02'), children: [new Paragraph({ children: [new TextRun('Which March?')] })] }] },
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('1. Summary')] }),
          new Paragraph({
            children: [
              new TextRun('1.1 The plan '),
              new InsertedTextRun({ text: 'was agreed', id: 1, ...by }),
              new DeletedTextRun({ text: 'is a draft', id: 2, ...by }),
              new CommentRangeStart(0),
              new TextRun(' in March.'),
              new CommentRangeEnd(0),
              new TextRun({ children: [new CommentReference(0)] }),
            ],
          }),
        ],
      },
    ],
  });
  const dir = tempDir('committee-report-import-cli-');
  writeFileSync(join(dir, 'tracked.docx'), new Uint8Array(await Packer.toArrayBuffer(doc)));
  const text = run(['check', 'tracked.docx', '--today', '2026-02-20'], dir);
  const lines = text.out.split('\n').filter((l) => /import\//.test(l));
  assert.deepEqual(lines, [
    'tracked.docx: whole document  info  import/tracked-changes  The document has 2 tracked changes; checked as if all were accepted.',
    'tracked.docx: paragraph 1.1 "The plan was agreed in March."  info  import/tracked-changes  Tracked change: accepted insertion by Jane Smith of "was agreed".',
    'tracked.docx: paragraph 1.1 "The plan was agreed in March."  info  import/tracked-changes  Tracked change: accepted deletion by Jane Smith of "is a draft".',
    'tracked.docx: whole document  info  import/comments  The document has 1 comment; comments are not checked.',
    'tracked.docx: paragraph 1.1 "The plan was agreed in March."  info  import/comments  Comment by Tom Brown, not checked: "Which March?"',
  ]);
  const json = JSON.parse(run(['check', 'tracked.docx', '--format', 'json', '--today', '2026-02-20'], dir).out) as Record<string, unknown>[];
  assert.deepEqual(json.find((f) => f.ruleId === 'import/comments' && f.place !== 'whole document'), {
    file: 'tracked.docx',
    place: 'paragraph 1.1 "The plan was agreed in March."',
    ruleId: 'import/comments',
    severity: 'info',
    message: 'Comment by Tom Brown, not checked: "Which March?"',
  });
});
