import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { analyseReport, checkReport } from '../../server/src/core/check.js';
import { BUILTIN_PROFILES, canonicalHeading, flattenSpecs } from '../../server/src/core/templates/loader.js';
import {
  allDocSections,
  buildDocument,
  groupProblems,
  isSafeUrl,
  renderDocx,
  renderHtml,
  renderReadinessHtml,
  renderStandaloneHtml,
  type DocBlock,
  type HeaderItem,
  type ReportDocument,
} from '../../server/src/core/render/index.js';
import { EXAMPLES, HOSTILE_DRAFT, docFor, docxParagraphs, docxXml, readExample } from '../browser/render-fixtures.js';

function fields(doc: ReportDocument): Map<string, string> {
  const out = new Map<string, string>();
  const add = (i: HeaderItem): void => {
    if (i.type === 'field') out.set(i.label, i.value);
    if (i.type === 'group') for (const f of i.fields) out.set(f.label, f.value);
  };
  doc.header.items.forEach(add);
  return out;
}

function signoffs(doc: ReportDocument): { section: string; signed?: string; dated?: string }[] {
  const out: { section: string; signed?: string; dated?: string }[] = [];
  for (const s of allDocSections(doc)) {
    for (const b of s.blocks) {
      if (b.type !== 'signoff') continue;
      const so: { section: string; signed?: string; dated?: string } = { section: `${s.heading.number ?? ''} ${s.heading.title}`.trim() };
      if (b.signed) so.signed = b.signed.value;
      if (b.dated) so.dated = b.dated.value;
      out.push(so);
    }
  }
  return out;
}

function headingTexts(doc: ReportDocument): string[] {
  return allDocSections(doc).map((s) => (s.heading.number ? `${s.heading.number} ${s.heading.title}` : s.heading.title));
}

describe('render: the clean example of each built-in template', () => {
  test('every built-in profile has a clean example', () => {
    assert.deepEqual(BUILTIN_PROFILES.map((p) => p.id).sort(), Object.keys(EXAMPLES).sort());
    for (const [id, file] of Object.entries(EXAMPLES)) {
      const r = checkReport(readExample(file), { today: '2026-02-20' });
      assert.equal(r.findings.filter((f) => f.severity === 'error').length, 0, `${id} example is clean`);
      assert.equal(r.profile?.id, id);
    }
  });

  for (const [id, file] of Object.entries(EXAMPLES)) {
    test(`${id}: sections in template order with the template's headings`, () => {
      const doc = docFor(readExample(file));
      const profile = BUILTIN_PROFILES.find((p) => p.id === id)!;
      assert.equal(doc.templateId, id);
      // Every section heading in the document is a template heading, in template order.
      const canonical = flattenSpecs(profile.sections).map((s) => canonicalHeading(s, profile).replace(/^(\d+(?:\.\d+)*)\.? /, (m, n: string) => (m.endsWith('. ') && !n.includes('.') ? `${n}. ` : `${n} `)));
      const got = headingTexts(doc);
      let last = -1;
      for (const h of got) {
        const i = canonical.findIndex((c) => c.toLowerCase() === h.toLowerCase());
        assert.ok(i >= 0, `"${h}" is a template heading of ${id}`);
        assert.ok(i > last, `"${h}" comes in template order`);
        last = i;
      }
      assert.ok(got.length >= 8, `${id}: ${got.length} sections`);
      // Each matched section carries its template id.
      assert.ok(allDocSections(doc).every((s) => s.specId !== undefined));
    });
  }

  test('Leicester City executive: header block, "Useful information", numbered sections, sign-offs', async () => {
    const text = readExample(EXAMPLES['leicester-city/executive']);
    const lines = text.split('\n');
    const p11 = lines.findIndex((l) => l.startsWith('1.1 '));
    const doc = docFor(text);
    assert.equal(doc.layout, 'city');
    const items = doc.header.items;
    assert.deepEqual(
      items.map((i) => i.type),
      ['title', 'line', 'field', 'field', 'group'],
    );
    assert.equal(items[0]!.type === 'title' && items[0].text, 'Families First Partnership Programme');
    assert.equal(items[1]!.type === 'line' && items[1].text, 'Children, Young People and Education Scrutiny Commission');
    const f = fields(doc);
    assert.equal(f.get('Date of meeting'), '3 March 2026');
    assert.equal(f.get('Lead director'), "Damian Elcock, Director of Children's Social Work and Early Help");
    const group = items[4]!;
    assert.ok(group.type === 'group');
    assert.equal(group.heading, 'Useful information');
    assert.deepEqual(
      group.fields.map((x) => [x.label, x.value]),
      [
        ['Ward(s) affected', 'All'],
        ['Report author', 'Helen Sheppard'],
        ['Author contact details', 'helen.sheppard@leicester.gov.uk, 0116 454 1170'],
        ['Report version number', 'v1'],
      ],
    );
    // Sections 1-9, implications 5.1-5.5.
    assert.deepEqual(
      doc.sections.map((s) => s.heading.number),
      ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.', '9.'],
    );
    assert.deepEqual(
      doc.sections[4]!.children.map((s) => `${s.heading.number} ${s.heading.title}`),
      ['5.1 Financial implications', '5.2 Legal implications', '5.3 Equalities implications', '5.4 Climate Emergency implications', '5.5 Other implications'],
    );
    // Numbered paragraphs keep their number apart from their text.
    const summary = doc.sections[0]!.blocks.filter((b): b is Extract<DocBlock, { type: 'paragraph' }> => b.type === 'paragraph');
    assert.deepEqual(
      summary.map((b) => b.number),
      ['1.1', '1.2'],
    );
    assert.match((summary[0]!.content[0] as { value: string }).value, /^The Families First Partnership/);
    assert.deepEqual(signoffs(doc), [
      { section: '5.1 Financial implications', signed: 'Mohammed Irfan, Head of Finance', dated: '3 February 2026' },
      { section: '5.2 Legal implications', signed: 'Sonali Unka, Principal Solicitor (social care and safeguarding - childcare)', dated: '9 February 2026' },
      { section: '5.3 Equalities implications', signed: 'Surinder Singh, Equalities Officer, Ext 37 4148', dated: '5 February 2026' },
      { section: '5.4 Climate Emergency implications', signed: 'Phil Ball, Sustainability Officer, Ext 37 2246', dated: '4 February 2026' },
    ]);

    const html = renderHtml(doc);
    assert.match(html, /<h1 class="cr-title"[^>]*>Families First Partnership Programme<\/h1>/);
    assert.match(html, /<span class="cr-label">Date of meeting:<\/span> <span class="cr-value">3 March 2026<\/span>/);
    assert.match(html, /<p class="cr-useful-heading">Useful information<\/p><ul class="cr-useful-list">/);
    assert.match(html, /<h2 class="cr-heading"[^>]*><span class="cr-num">5\.<\/span> <span class="cr-heading-text">Financial, legal, equalities, climate emergency and other implications<\/span><\/h2>/);
    assert.match(html, /<h3 class="cr-heading"[^>]*><span class="cr-num">5\.1<\/span> <span class="cr-heading-text">Financial implications<\/span><\/h3>/);
    assert.ok(html.includes(`<div class="cr-para cr-numbered" data-line="${p11}" data-end-line="${p11}"><span class="cr-num">1.1</span>`));
    assert.equal((html.match(/class="cr-signoff"/g) ?? []).length, 4);
    assert.match(html, /<span class="cr-label">Signed:<\/span> <span class="cr-value">Mohammed Irfan, Head of Finance<\/span>/);
    // Sign-off lines are not repeated as paragraphs.
    assert.doesNotMatch(html, /<p[^>]*>Signed: /);

    const paras = await docxParagraphs(await renderDocx(doc));
    const texts = paras.map((p) => p.text);
    assert.equal(texts[0], 'Families First Partnership Programme');
    assert.equal(texts[1], 'Children, Young People and Education Scrutiny Commission');
    assert.ok(texts.includes('Date of meeting: 3 March 2026'));
    assert.ok(texts.includes("Lead director: Damian Elcock, Director of Children's Social Work and Early Help"));
    const useful = texts.indexOf('Useful information');
    assert.ok(useful > 0);
    assert.deepEqual(texts.slice(useful + 1, useful + 5), [
      'Ward(s) affected: All',
      'Report author: Helen Sheppard',
      'Author contact details: helen.sheppard@leicester.gov.uk, 0116 454 1170',
      'Report version number: v1',
    ]);
    const h2 = paras.filter((p) => p.style === 'Heading2').map((p) => p.text);
    assert.equal(h2.length, 9);
    assert.equal(h2[0], '1.\tSummary');
    assert.equal(h2[4], '5.\tFinancial, legal, equalities, climate emergency and other implications');
    assert.deepEqual(
      paras.filter((p) => p.style === 'Heading3').map((p) => p.text.split('\t')[0]),
      ['5.1', '5.2', '5.3', '5.4', '5.5'],
    );
    assert.ok(texts.includes(`1.1\t${lines[p11]!.slice(4)}`), 'paragraph 1.1: number, tab, text');
    assert.ok(texts.includes('Signed: Mohammed Irfan, Head of Finance'));
    assert.ok(texts.includes('Dated: 3 February 2026'));
    assert.equal(texts.filter((t) => t.startsWith('Signed: ')).length, 4);
  });

  test('Leicester City scrutiny: implications at 4.x with sign-offs, sections 1-8', async () => {
    const doc = docFor(readExample(EXAMPLES['leicester-city/scrutiny']));
    assert.equal(doc.layout, 'city');
    assert.equal(fields(doc).get('Report version number'), 'v2');
    assert.deepEqual(
      doc.sections.map((s) => s.heading.number),
      ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.'],
    );
    assert.deepEqual(
      signoffs(doc).map((s) => s.section),
      ['4.1 Financial implications', '4.2 Legal implications', '4.3 Equalities implications', '4.4 Climate Emergency implications'],
    );
    assert.ok(signoffs(doc).every((s) => s.signed && s.dated));
    const texts = (await docxParagraphs(await renderDocx(doc))).map((p) => p.text);
    assert.ok(texts.includes('Useful information'));
    assert.ok(texts.includes('3.\tDetailed report'));
  });

  test('Leicestershire County: capitalised header block, unnumbered headings, paragraphs 1..N', async () => {
    const doc = docFor(readExample(EXAMPLES['leicestershire-county/committee']));
    assert.equal(doc.layout, 'county');
    assert.deepEqual(
      doc.header.items.map((i) => (i.type === 'line' || i.type === 'title' ? i.text : i.type)),
      [
        'CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE',
        '5 SEPTEMBER 2024',
        'TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE PROGRAMME UPDATE',
        'REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES',
      ],
    );
    assert.ok(doc.sections.every((s) => s.heading.number === undefined));
    assert.deepEqual(
      doc.sections.map((s) => s.heading.title),
      [
        'Purpose of the Report',
        'Policy Framework and Previous Decisions',
        'Background',
        'Background Papers',
        'Circulation under the Local Issues Alert Procedure',
        'Equalities Implications',
        'Human Rights Implications',
        'Officer to Contact',
      ],
    );
    const numbers = allDocSections(doc).flatMap((s) => s.blocks.flatMap((b) => (b.type === 'paragraph' && b.number ? [b.number] : [])));
    assert.deepEqual(numbers, ['1.', '2.', '3.', '4.', '5.', '6.', '7.', '8.']);
    assert.deepEqual(signoffs(doc), []);
    // Contact details print line by line.
    const contact = doc.sections.at(-1)!.blocks[0]!;
    assert.ok(contact.type === 'paragraph');
    assert.equal(contact.content.filter((n) => n.type === 'break').length, 2);

    const html = renderHtml(doc);
    assert.match(html, /<article class="cr-report cr-layout-county"/);
    assert.match(html, /<p class="cr-header-line cr-committee"[^>]*>CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE<\/p>/);
    assert.match(html, /<h1 class="cr-title"[^>]*>TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE PROGRAMME UPDATE<\/h1>/);
    assert.match(html, /REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES<\/p>/);
    assert.match(html, /<span class="cr-num">8\.<\/span><div class="cr-body"><p>There are no human rights implications/);
    assert.match(html, /Jane Moore, Director of Children and Family Services<br>\nTel: 0116 305 2649<br>/);

    const paras = await docxParagraphs(await renderDocx(doc));
    const texts = paras.map((p) => p.text);
    assert.deepEqual(texts.slice(0, 4), [
      'CHILDREN AND FAMILIES OVERVIEW AND SCRUTINY COMMITTEE',
      '5 SEPTEMBER 2024',
      'TRANSFORMING SEND AND INCLUSION IN LEICESTERSHIRE PROGRAMME UPDATE',
      'REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES',
    ]);
    assert.deepEqual(
      paras.filter((p) => p.style === 'Heading2').map((p) => p.text),
      doc.sections.map((s) => s.heading.title),
    );
    assert.ok(texts.includes('8.\tThere are no human rights implications arising from this report.'));
  });
});

describe('render: layout details', () => {
  test('tables go to HTML and Word', async () => {
    const text = `${readExample(EXAMPLES['leicester-city/scrutiny']).replace(
      '3.3 The first quarterly',
      '| Measure | Target |\n| --- | ---: |\n| Early help cases closed | **85%** |\n| Re-referrals | 12% |\n\n3.3 The first quarterly',
    )}`;
    const doc = docFor(text);
    const table = allDocSections(doc).flatMap((s) => s.blocks).find((b) => b.type === 'table');
    assert.ok(table && table.type === 'table');
    assert.equal(table.head.length, 2);
    assert.equal(table.rows.length, 2);
    assert.deepEqual(table.align, [null, 'right']);
    const html = renderHtml(doc);
    assert.match(html, /<table class="cr-table"[^>]*><thead><tr><th>Measure<\/th><th align="right">Target<\/th><\/tr><\/thead><tbody><tr><td>Early help cases closed<\/td><td align="right"><strong>85%<\/strong><\/td><\/tr>/);
    const xml = await docxXml(await renderDocx(doc));
    assert.match(xml, /<w:tbl>/);
    assert.match(xml, /<w:t xml:space="preserve">Re-referrals<\/w:t>/);
  });

  test('missing front matter values print as placeholders, not as nothing', () => {
    const text = readExample(EXAMPLES['leicester-city/executive']).replace(/^lead_director: .*\n/m, '').replace(/^version: .*\n/m, '');
    const doc = docFor(text);
    const html = renderHtml(doc);
    assert.match(html, /<p class="cr-field cr-missing" data-key="lead_director"><span class="cr-label">Lead director:<\/span> <span class="cr-value">\[Lead director missing\]<\/span><\/p>/);
    assert.match(html, /\[Report version number missing\]/);
  });

  test('an ISO meeting date prints in the house style; "Decision to be taken by" only when given', () => {
    let text = readExample(EXAMPLES['leicester-city/executive']).replace('meeting_date: 3 March 2026', 'meeting_date: 2026-03-03');
    let doc = docFor(text);
    assert.equal(fields(doc).get('Date of meeting'), '3 March 2026');
    assert.equal(fields(doc).has('Decision to be taken by'), false);
    text = text.replace('lead_director:', 'decision_maker: Cllr Elaine Pantling, Assistant City Mayor for Education\nlead_director:');
    doc = docFor(text);
    assert.equal(fields(doc).get('Decision to be taken by'), 'Cllr Elaine Pantling, Assistant City Mayor for Education');
  });

  test('appendices follow the body; a draft without a template still renders', () => {
    const doc = docFor('# A note\n\nSome text.\n\n## Part one\n\n1.1 First.\n\n# Appendix 1 - Data\n\n| a | b |\n|---|---|\n| 1 | 2 |\n');
    assert.equal(doc.layout, 'generic');
    assert.equal(doc.title, 'A note');
    assert.equal(doc.intro.length, 1);
    assert.equal(doc.sections.length, 1);
    assert.equal(doc.appendices.length, 1);
    assert.equal(doc.appendices[0]!.heading.title, 'Appendix 1 - Data');
    assert.match(renderHtml(doc), /<section class="cr-section cr-level-1 cr-appendix"/);
  });

  test('a sign-off sharing a paragraph with text splits off; blocks keep their source lines', () => {
    const text = readExample(EXAMPLES['leicester-city/executive']).replace(
      'There are no direct financial implications arising from this report.\n\nSigned: Mohammed Irfan, Head of Finance\n\nDated: 3 February 2026',
      'There are no direct financial implications arising from this report.\nSigned: Mohammed Irfan, Head of Finance\nDated: 3 February 2026',
    );
    const doc = docFor(text);
    const at = text.split('\n').indexOf('There are no direct financial implications arising from this report.');
    const fin = allDocSections(doc).find((s) => s.specId === 'financial')!;
    assert.deepEqual(
      fin.blocks.map((b) => b.type),
      ['paragraph', 'signoff'],
    );
    const [p, so] = fin.blocks;
    assert.equal(p!.line, at);
    assert.ok(so!.type === 'signoff');
    assert.equal(so.signed?.value, 'Mohammed Irfan, Head of Finance');
    assert.equal(so.dated?.line, at + 2);
  });
});

describe('render: untrusted text', () => {
  test('no <script>, on* handler, javascript: URL, <style> or <iframe> survives into the HTML markup', () => {
    const doc = docFor(HOSTILE_DRAFT);
    for (const html of [renderHtml(doc), renderStandaloneHtml(doc).replace(/<style nonce="[^"]+">[^<]*<\/style>/, '')]) {
      // Every tag the output has, with its attributes.
      const tags = [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)];
      assert.ok(tags.length > 50);
      for (const [tag, name, attrs] of tags) {
        assert.ok(!/^(script|style|iframe|frame|svg|math|object|embed|img|form|base|link)$/i.test(name!), `no <${name}>: ${tag}`);
        assert.doesNotMatch(attrs!, /(^|\s)on[a-z]+\s*=/i, `no event handler: ${tag}`);
        assert.doesNotMatch(attrs!, /javascript:/i, `no javascript: URL: ${tag}`);
        for (const m of attrs!.matchAll(/\b(href|src)="([^"]*)"/g)) assert.match(m[2]!, /^(https:\/\/www\.leicester\.gov\.uk\/|mailto:a@b\.uk)$/, tag);
      }
      // Raw HTML from the body is dropped; front-matter values stay words, escaped.
      assert.doesNotMatch(html, /__pwned = 'block script'|onerror='|'svg'|'iframe'|'click'|'style'|'cell'\)/);
      assert.match(html, /&#x3C;script>window.__pwned = 'committee'&#x3C;\/script>Children's Commission/);
      assert.match(html, /safe link/);
      // The reference link resolves, but its javascript: target is dropped.
      assert.match(html, /A <a>reference link<\/a> and a <a href="https:\/\/www.leicester.gov.uk\/">safe link<\/a>/);
    }
  });

  test('the Word export carries no javascript: hyperlink', async () => {
    const xml = await docxXml(await renderDocx(docFor(HOSTILE_DRAFT)));
    assert.doesNotMatch(xml, /Target="javascript:/i);
    assert.match(xml, /Target="https:\/\/www\.leicester\.gov\.uk\/"/);
  });

  test('isSafeUrl', () => {
    for (const ok of ['https://a.uk', 'http://a.uk', 'mailto:a@b.uk', 'tel:01164541170', 'report.pdf', '#x', '../a:b', '/docs/x']) assert.equal(isSafeUrl(ok), true, ok);
    for (const bad of ['javascript:alert(1)', 'JAVASCRIPT:x', ' javascript:x', 'java\tscript:x', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd']) assert.equal(isSafeUrl(bad), false, bad);
  });
});

describe('render: readiness panel', () => {
  test('problems grouped by section in document order', () => {
    const text = readExample('examples/typical-mistakes.report.md');
    const result = checkReport(text, { today: '2026-02-20' });
    const doc = buildDocument(analyseReport(text));
    const groups = groupProblems(doc, result.findings);
    assert.equal(groups[0]!.title, 'Header and front matter');
    const titles = groups.map((g) => g.title);
    assert.ok(titles.includes('1. Summary'));
    assert.ok(titles.includes('5.1 Financial implications'));
    assert.ok(titles.includes('9. Is this a "key decision"? If so, why?'));
    assert.deepEqual(
      groups.map((g) => g.line),
      [...groups.map((g) => g.line)].sort((a, b) => a - b),
    );
    assert.equal(groups.reduce((n, g) => n + g.problems.length, 0), result.findings.length);
    const gap = groups.find((g) => g.title === '1. Summary')!;
    assert.ok(gap.problems.some((p) => p.ruleId === 'numbering/gap'));

    const html = renderReadinessHtml(groups, 'N errors — not ready to submit');
    assert.match(html, /<div class="cr-readiness cr-not-ready"><p class="cr-ready-summary">N errors — not ready to submit<\/p>/);
    const line = text.split('\n').findIndex((l) => l.startsWith('1.3 '));
    assert.ok(
      html.includes(
        `<button type="button" class="cr-ready-link" title="Line ${line + 1} · numbering/gap" data-line="${line}" data-character="0" data-end-line="${line}" data-end-character="3" data-severity="error" data-rule="numbering/gap">`,
      ),
    );
    // Messages quote the draft: they are escaped.
    const hostile = renderReadinessHtml(groupProblems(doc, [{ severity: 'error', message: '<img src=x onerror=alert(1)>', range: { start: { line: 20, character: 0 }, end: { line: 20, character: 1 } } }]), 'x');
    assert.doesNotMatch(hostile, /<img/);
  });
});
