import { AlignmentType, HeadingLevel, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ReportDocument } from './document.js';
import { docxFile, docxReportBody } from './docx.js';
import { escapeHtml, renderHtml, standalonePage } from './html.js';

/**
 * The published agenda pack: a front sheet (council, committee, date, venue), the
 * contents (item numbers and titles), then each report in the council layout, from the
 * same rendering as a single report's export (one page break before each item in Word,
 * `break-before: page` in print).
 */

export interface PackFront {
  council?: string;
  committee?: string;
  /** As printed: "28 October 2025". */
  date?: string;
  venue?: string;
}

export interface PackEntry {
  /** Agenda item number. */
  number: number;
  doc: ReportDocument;
}

function frontLines(front: PackFront): [string, string][] {
  const out: [string, string][] = [];
  if (front.date) out.push(['Date', front.date]);
  if (front.venue) out.push(['Venue', front.venue]);
  return out;
}

const PACK_CSS = `
.cr-pack-front { max-width: 210mm; margin: 0 auto; padding: 20mm; background: #fff; }
.cr-pack-front h1 { font-size: 1.6em; margin: 0 0 .3em; }
.cr-pack-front .cr-pack-council { font-size: 1.2em; font-weight: bold; margin-bottom: 2em; }
.cr-pack-contents { border-collapse: collapse; width: 100%; margin-top: 1em; }
.cr-pack-contents th, .cr-pack-contents td { text-align: left; border-bottom: 1px solid #999; padding: .3em .5em; vertical-align: top; }
.cr-pack-number { font-weight: bold; max-width: 210mm; margin: 2em auto 0; }
@media print { .cr-pack-item { break-before: page; } }
`;

export function renderPackHtml(front: PackFront, entries: readonly PackEntry[]): string {
  const title = [front.committee, front.date].filter(Boolean).join(', ') || 'Agenda pack';
  const rows = entries
    .map((e) => `<tr><td>${e.number}</td><td><a href="#item-${e.number}">${escapeHtml(e.doc.title || 'Untitled report')}</a></td></tr>`)
    .join('\n');
  const sheet = [
    '<section class="cr-pack-front">',
    front.council ? `<p class="cr-pack-council">${escapeHtml(front.council)}</p>` : '',
    `<h1>${escapeHtml(front.committee ?? 'Agenda')}</h1>`,
    ...frontLines(front).map(([k, v]) => `<p><strong>${k}:</strong> ${escapeHtml(v)}</p>`),
    '<h2>Agenda</h2>',
    '<table class="cr-pack-contents"><thead><tr><th>Item</th><th>Title</th></tr></thead><tbody>',
    rows,
    '</tbody></table>',
    '</section>',
  ].filter(Boolean);
  const items = entries.map((e) => `<section class="cr-pack-item" id="item-${e.number}">\n<p class="cr-pack-number">Item ${e.number}</p>\n${renderHtml(e.doc)}\n</section>`);
  return standalonePage(title, [...sheet, ...items].join('\n'), PACK_CSS);
}

export async function renderPackDocx(front: PackFront, entries: readonly PackEntry[]): Promise<Uint8Array> {
  const body: (Paragraph | Table)[] = [];
  if (front.council) body.push(new Paragraph({ children: [new TextRun({ text: front.council, bold: true, size: 28 })], spacing: { after: 480 } }));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(front.committee ?? 'Agenda')] }));
  for (const [k, v] of frontLines(front)) body.push(new Paragraph({ children: [new TextRun({ text: `${k}: `, bold: true }), new TextRun(v)] }));
  body.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun('Agenda')], spacing: { before: 480 } }));
  const cell = (text: string, bold = false, width = 12): TableCell =>
    new TableCell({ width: { size: width, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
  body.push(
    new Table({
      width: { size: 100, type: WidthType.PERCENTAGE },
      rows: [
        new TableRow({ tableHeader: true, children: [cell('Item', true), cell('Title', true, 88)] }),
        ...entries.map((e) => new TableRow({ children: [cell(String(e.number)), cell(e.doc.title || 'Untitled report', false, 88)] })),
      ],
    }),
  );
  for (const e of entries) {
    body.push(new Paragraph({ pageBreakBefore: true, alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `Item ${e.number}`, bold: true })] }));
    body.push(...docxReportBody(e.doc));
  }
  const title = [front.committee, front.date].filter(Boolean).join(', ') || 'Agenda pack';
  return docxFile(body, title, `Agenda pack: ${entries.length} item${entries.length === 1 ? '' : 's'}`);
}
