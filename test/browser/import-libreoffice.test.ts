/**
 * Word files made the way officers make them: each council form written by the test as a
 * flat ODF document (.fodt) with Word-style automatic multi-level numbering (headings "5.",
 * "5.1", paragraphs "3.2" from one list, County paragraphs 1..N continued across sections),
 * a "Useful information" header table, a tracked insertion and deletion and a comment,
 * converted to .docx by LibreOffice, then imported and checked. The same report written
 * as a draft by hand is the expectation: the same sections, numbers, sign-offs, front
 * matter and findings.
 *
 * Needs LibreOffice (apt-get install -y libreoffice-writer-nogui); skips without it.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILTIN_PROFILES } from '../../server/src/core/templates/loader.js';
import { importDocx, type ImportResult } from '../../server/src/node/import/index.js';
import { summary } from '../unit/import-summary.js';
import { tempDir } from '../temp-dirs.js';

function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
const soffice = which('soffice') ?? which('libreoffice');
const skip = soffice ? undefined : 'LibreOffice not found (apt-get install -y libreoffice-writer-nogui)';
if (skip) console.log(`# SKIP LibreOffice import tests: ${skip}`);

/** A report as data: written once as .fodt (automatic numbers) and once as a draft (typed numbers). */
interface Para {
  text: string;
  /** Numbered by the list (City: section.n; County: 1..N). */
  numbered?: boolean;
  /** XML for the paragraph's content instead of `text` (tracked changes, comments). */
  xml?: string;
}
interface Sec {
  title: string;
  paras: Para[];
  children?: Sec[];
}
interface Form {
  name: string;
  frontMatter: [string, string][];
  /** Header block lines before the table (City: title styled as Title, then committee). */
  title: string;
  headerLines: string[];
  table: [string, string][];
  sections: Sec[];
  county?: boolean;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const p = (x: Para): string => `<text:p>${x.xml ?? esc(x.text)}</text:p>`;

const CHANGES = `<text:tracked-changes>
 <text:changed-region text:id="ct1"><text:insertion><office:change-info><dc:creator>Jane Smith</dc:creator><dc:date>2026-02-01T10:00:00</dc:date></office:change-info></text:insertion></text:changed-region>
 <text:changed-region text:id="ct2"><text:deletion><office:change-info><dc:creator>Jane Smith</dc:creator><dc:date>2026-02-01T10:05:00</dc:date></office:change-info><text:p>twelve </text:p></text:deletion></text:changed-region>
</text:tracked-changes>`;

/** One paragraph with a tracked insertion, one with a tracked deletion and a comment. */
const INSERTED: Para = { text: 'The programme is led by the Director of Social Care.', numbered: true, xml: 'The programme is led by the <text:change-start text:change-id="ct1"/>Director of Social Care<text:change-end text:change-id="ct1"/>.' };
const DELETED: Para = {
  text: 'The board meets every two months.',
  numbered: true,
  xml: 'The board meets every <text:change text:change-id="ct2"/>two months.<office:annotation><dc:creator>Tom Brown</dc:creator><dc:date>2026-02-02T09:00:00</dc:date><text:p>Please confirm the frequency.</text:p></office:annotation>',
};

function fodt(f: Form): string {
  const body: string[] = [];
  body.push(`<text:p text:style-name="${f.county ? 'Standard' : 'Title'}">${esc(f.title)}</text:p>`);
  for (const l of f.headerLines) body.push(`<text:p>${esc(l)}</text:p>`);
  if (f.table.length > 0) {
    body.push('<text:p>Useful information</text:p><table:table table:name="Useful"><table:table-column table:number-columns-repeated="2"/>');
    for (const [k, v] of f.table) body.push(`<table:table-row><table:table-cell><text:p>${esc(k)}</text:p></table:table-cell><table:table-cell><text:p>${esc(v)}</text:p></table:table-cell></table:table-row>`);
    body.push('</table:table>');
  }
  if (f.county) {
    // Unnumbered headings; paragraphs numbered 1..N through the report by one continued list.
    for (const s of f.sections) {
      body.push(`<text:h text:style-name="Heading_20_1" text:outline-level="1">${esc(s.title)}</text:h>`);
      for (const x of s.paras) body.push(x.numbered ? `<text:list text:style-name="L1" text:continue-numbering="true"><text:list-item>${p(x)}</text:list-item></text:list>` : p(x));
    }
  } else {
    // One two-level list: sections at level 1 ("5."), their paragraphs and implications blocks at level 2 ("5.1").
    body.push('<text:list text:style-name="L1">');
    for (const s of f.sections) {
      body.push(`<text:list-item><text:h text:style-name="Heading_20_1" text:outline-level="1">${esc(s.title)}</text:h>`);
      const numbered = s.paras.filter((x) => x.numbered);
      for (const x of s.paras.filter((y) => !y.numbered)) body.push(p(x));
      if (numbered.length > 0 || s.children) {
        body.push('<text:list>');
        for (const x of numbered) body.push(`<text:list-item>${p(x)}</text:list-item>`);
        for (const c of s.children ?? []) body.push(`<text:list-item><text:h text:style-name="Heading_20_2" text:outline-level="2">${esc(c.title)}</text:h>${c.paras.map(p).join('')}</text:list-item>`);
        body.push('</text:list>');
      }
      body.push('</text:list-item>');
    }
    body.push('</text:list>');
  }
  const level = (n: number, display: number, suffix: string): string =>
    `<text:list-level-style-number text:level="${n}" style:num-suffix="${suffix}" style:num-format="1" text:display-levels="${display}"><style:list-level-properties text:list-level-position-and-space-mode="label-alignment"><style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-0.6cm" fo:margin-left="${0.6 * n}cm"/></style:list-level-properties></text:list-level-style-number>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Standard" style:family="paragraph"/>
 <style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard"/>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
 <text:list-style style:name="L1">${level(1, 1, '.')}${level(2, 2, '')}</text:list-style>
</office:styles>
<office:body><office:text>${CHANGES}
${body.join('\n')}
</office:text></office:body></office:document>`;
}

/** The same report as a hand-written draft. */
function draft(f: Form): string {
  const out: string[] = ['---', ...f.frontMatter.map(([k, v]) => `${k}: ${v}`), '---', '', `# ${f.title}`, ''];
  let n = 0;
  f.sections.forEach((s, i) => {
    out.push(f.county ? `## ${s.title}` : `## ${i + 1}. ${s.title}`, '');
    let k = 0;
    for (const x of s.paras) out.push(x.numbered ? (f.county ? `${++n}. ${x.text}` : `${i + 1}.${++k} ${x.text}`) : x.text, '');
    for (const c of s.children ?? []) {
      out.push(`### ${i + 1}.${++k} ${c.title}`, '');
      for (const x of c.paras) out.push(x.text, '');
    }
  });
  return out.join('\n');
}

const signed = (who: string, date?: string): Para[] => [{ text: `Signed: ${who}` }, ...(date ? [{ text: `Dated: ${date}` }] : [])];

const CITY_HEADER = {
  headerLines: ['Children, Young People and Education Scrutiny Commission', 'Date of meeting: 3 March 2026', 'Lead director: Damian Elcock, Director of Children\'s Social Work and Early Help'],
  table: [
    ['Ward(s) affected', 'All'],
    ['Report author', 'Helen Sheppard'],
    ['Author contact details', 'helen.sheppard@leicester.gov.uk, 0116 454 1170'],
    ['Report version number', 'v1'],
  ] as [string, string][],
};
const CITY_FM = (template: string): [string, string][] => [
  ['template', template],
  ['committee', 'Children, Young People and Education Scrutiny Commission'],
  ['meeting_date', '3 March 2026'],
  ['lead_director', "Damian Elcock, Director of Children's Social Work and Early Help"],
  ['wards_affected', 'All'],
  ['report_author', 'Helen Sheppard'],
  ['author_contact', 'helen.sheppard@leicester.gov.uk, 0116 454 1170'],
  ['version', 'v1'],
];
const implications = (last: string): Sec[] => [
  { title: 'Financial implications', paras: [{ text: 'There are no direct financial implications arising from this report.' }, ...signed('Mohammed Irfan, Head of Finance', '3 February 2026')] },
  // A deliberate slip: no "Dated:" line.
  { title: 'Legal implications', paras: [{ text: 'There are no direct legal implications arising from this report.' }, ...signed('Sonali Unka, Principal Solicitor')] },
  { title: 'Equalities implications', paras: [{ text: 'The report has no impact on people with a protected characteristic.' }, ...signed('Surinder Singh, Equalities Officer, Ext 37 4148', '5 February 2026')] },
  { title: 'Climate Emergency implications', paras: [{ text: 'There are no significant climate emergency implications directly associated with this report.' }, ...signed('Phil Ball, Sustainability Officer, Ext 37 2246', '4 February 2026')] },
  { title: last, paras: [{ text: 'None.' }] },
];

/** The City forms' implications and closing sections (the same on both forms). */
const CITY_CLOSING: Sec[] = [
  { title: 'Financial, legal, equalities, climate emergency and other implications', paras: [], children: implications('Other implications') },
  { title: 'Background information and other papers', paras: [{ text: 'None.' }] },
  { title: 'Summary of appendices', paras: [{ text: 'None.' }] },
  { title: 'Is this a private report (If so, please indicate the reasons and state why it is not in the public interest to be dealt with publicly)?', paras: [{ text: 'No' }] },
  { title: 'Is this a "key decision"? If so, why?', paras: [{ text: 'No' }] },
];

const FORMS: Form[] = [
  {
    name: 'city-executive',
    title: 'Families First Partnership Programme',
    frontMatter: CITY_FM('leicester-city/executive'),
    ...CITY_HEADER,
    sections: [
      { title: 'Summary', paras: [{ text: 'The Families First Partnership programme is a national initiative.', numbered: true }, INSERTED] },
      { title: 'Recommended actions/decision', paras: [{ text: 'The Commission is asked to note the report.', numbered: true }] },
      { title: 'Scrutiny / stakeholder engagement', paras: [{ text: 'Young people have shaped the consent forms.', numbered: true }, DELETED] },
      { title: 'Background and options with supporting evidence', paras: [{ text: 'A locality model has been piloted since November 2025.', numbered: true }] },
      ...CITY_CLOSING,
    ],
  },
  {
    name: 'city-scrutiny',
    title: 'Social Care and Education Priorities 2026/27',
    frontMatter: CITY_FM('leicester-city/scrutiny'),
    ...CITY_HEADER,
    sections: [
      { title: 'Summary', paras: [{ text: 'This report sets out the priorities for the year.', numbered: true }, INSERTED] },
      { title: 'Recommendation(s) to scrutiny', paras: [{ text: 'The Commission is asked to comment on the measures.', numbered: true }] },
      { title: 'Detailed report', paras: [{ text: 'The priorities were agreed in January 2026.', numbered: true }, DELETED, { text: 'The first quarterly report comes in July 2026.', numbered: true }] },
      ...CITY_CLOSING,
    ],
  },
  {
    name: 'county-committee',
    county: true,
    title: 'Transforming SEND and Inclusion in Leicestershire',
    frontMatter: [
      ['template', 'leicestershire-county/committee'],
      ['committee', 'Children and Families Overview and Scrutiny Committee'],
      ['meeting_date', '5 September 2024'],
      ['report_of', 'Director of Children and Family Services'],
    ],
    headerLines: ['5 SEPTEMBER 2024', 'TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE', 'REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES'],
    table: [],
    sections: [
      { title: 'Purpose of the Report', paras: [{ text: 'The purpose of this report is to update the Committee on the programme.', numbered: true }] },
      { title: 'Policy Framework and Previous Decisions', paras: [{ text: 'The main legislation on Special Educational Needs and Disabilities (SEND) is the Children and Families Act 2014.', numbered: true }, INSERTED] },
      { title: 'Background', paras: [DELETED, { text: 'Parents and staff have helped to design the programme.', numbered: true }] },
      { title: 'Background Papers', paras: [{ text: 'None.' }] },
      { title: 'Circulation under the Local Issues Alert Procedure', paras: [{ text: 'None.', numbered: true }] },
      { title: 'Equalities Implications', paras: [{ text: 'The programme has no negative impact on any group with a protected characteristic.', numbered: true }] },
      { title: 'Human Rights Implications', paras: [{ text: 'There are no human rights implications arising from this report.', numbered: true }] },
      { title: 'Officer to Contact', paras: [{ text: 'Jane Moore, Director of Children and Family Services' }, { text: 'Tel: 0116 305 2649' }, { text: 'Email: jane.moore@leics.gov.uk' }] },
    ],
  },
];
// The County header starts with the committee in capitals.
FORMS[2]!.title = 'Transforming SEND and Inclusion in Leicestershire';
FORMS[2]!.headerLines = ['CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE', ...FORMS[2]!.headerLines];

describe('Word files made with LibreOffice on the council forms import and check as expected', { skip }, () => {
  const dir = tempDir('committee-report-import-lo-');
  const imported = new Map<string, ImportResult>();

  before(async () => {
    const files = FORMS.map((f) => {
      const file = join(dir, `${f.name}.fodt`);
      // County: the caps header lines come first, then the title line is in headerLines.
      writeFileSync(file, f.county ? fodt({ ...f, title: f.headerLines[0]!, headerLines: f.headerLines.slice(1) }) : fodt(f));
      return file;
    });
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'docx', '--outdir', dir, ...files], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
    for (const f of FORMS) imported.set(f.name, await importDocx(readFileSync(join(dir, `${f.name}.docx`)), { profiles: [...BUILTIN_PROFILES] }));
  });

  test('the same report saved as an old Word 97-2003 .doc is told how to convert, not misread', async () => {
    const r = spawnSync(soffice!, ['--headless', '--norestore', `-env:UserInstallation=file://${join(dir, 'profile')}`, '--convert-to', 'doc', '--outdir', join(dir, 'doc'), join(dir, 'city-executive.fodt')], { encoding: 'utf8', timeout: 240_000 });
    assert.equal(r.status, 0, `soffice failed: ${r.stderr}`);
    await assert.rejects(importDocx(readFileSync(join(dir, 'doc', 'city-executive.doc')), { profiles: [...BUILTIN_PROFILES] }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'doc');
      assert.match(e.message, /old Word 97-2003 document \(\.doc\).*Save As/);
      return true;
    });
  });

  for (const f of FORMS) {
    test(`${f.name}: sections, automatic numbers, sign-offs, front matter and findings`, () => {
      const r = imported.get(f.name)!;
      assert.equal(r.profile?.id, f.frontMatter[0]![1], 'template recognised');
      assert.ok(r.numbered > 0, 'automatic numbers computed');
      assert.deepEqual(summary(r.markdown), summary(draft(f)), r.markdown);
    });

    test(`${f.name}: tracked changes accepted and the comment dropped, each named where Word shows it`, () => {
      const r = imported.get(f.name)!;
      assert.deepEqual(
        r.revisions.map((x) => [x.kind, x.author, x.text.trim()]),
        [
          ['insertion', 'Jane Smith', 'Director of Social Care'],
          ['deletion', 'Jane Smith', 'twelve'],
        ],
      );
      const notes = r.notes.join('\n');
      assert.match(notes, /Tracked changes: all 2 accepted/);
      assert.match(notes, /accepted insertion by Jane Smith of "Director of Social Care"/);
      assert.match(notes, /accepted deletion by Jane Smith of "twelve"/);
      assert.match(notes, /1 comment dropped/);
      assert.match(notes, /paragraph [\d.]+ "The board meets every two months\.": comment by Tom Brown: "Please confirm the frequency\."/);
    });
  }
});
