import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import type { DocBlock, DocSection, HeaderField, HeaderItem, Inline, ReportDocument } from './document.js';
import { isSafeUrl } from './sanitize.js';

/**
 * Word writer of the report document (the `docx` package): the council's layout as a
 * .docx — header block, headings, numbered paragraphs with a hanging number, tables,
 * sign-offs. Returns bytes; writing the file is the caller's business.
 */

const FONT = 'Arial';
/** Half-points. */
const SIZE = 24;
/** A4 in twentieths of a point, 2 cm margins. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const TEXT_WIDTH = PAGE.width - 2 * PAGE.margin;
/** Hanging indent for paragraph numbers. */
const HANG = 851;

type RunStyle = Pick<IRunOptions, 'bold' | 'italics' | 'strike' | 'font' | 'style'>;

type Definitions = ReportDocument['definitions'];
let definitions: Definitions = {};

function runs(nodes: Inline[], style: RunStyle = {}): ParagraphChild[] {
  const out: ParagraphChild[] = [];
  for (const n of nodes) {
    switch (n.type) {
      case 'text':
        out.push(...textRuns(n.value, style));
        break;
      case 'strong':
        out.push(...runs(n.children, { ...style, bold: true }));
        break;
      case 'emphasis':
        out.push(...runs(n.children, { ...style, italics: true }));
        break;
      case 'delete':
        out.push(...runs(n.children, { ...style, strike: true }));
        break;
      case 'inlineCode':
        out.push(...textRuns(n.value, { ...style, font: 'Courier New' }));
        break;
      case 'break':
        out.push(new TextRun({ break: 1 }));
        break;
      case 'linkReference':
      case 'link': {
        const url = n.type === 'link' ? n.url : definitions[n.identifier]?.url;
        if (url === undefined) {
          out.push(...runs(n.children, style));
          break;
        }
        if (isSafeUrl(url) && /^(https?|mailto|tel):/i.test(url)) {
          const children = runs(n.children, { ...style, style: 'Hyperlink' }).filter((c): c is TextRun => c instanceof TextRun);
          out.push(new ExternalHyperlink({ link: url, children }));
        } else {
          // Unsafe or relative targets: the words only.
          out.push(...runs(n.children, style));
        }
        break;
      }
      case 'image':
      case 'imageReference':
        if (n.alt) out.push(new TextRun({ text: `[${n.alt}]`, italics: true }));
        break;
      case 'footnoteReference':
        out.push(new TextRun({ text: `[${n.label ?? n.identifier}]`, superScript: true }));
        break;
      default:
        // html (comments, raw tags) and references print nothing.
        break;
    }
  }
  return out;
}

/** A text value as runs; soft line breaks inside a paragraph are spaces, as in Word. */
function textRuns(value: string, style: RunStyle): TextRun[] {
  const text = value.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run));
  return text ? [new TextRun({ text, ...style })] : [];
}

function para(children: ParagraphChild[], opts: Partial<ConstructorParameters<typeof Paragraph>[0] & object> = {}): Paragraph {
  return new Paragraph({ children, spacing: { after: 160 }, ...opts });
}

interface Indent {
  left: number;
}

class DocxWriter {
  blocks(blocks: DocBlock[], indent: Indent = { left: 0 }): (Paragraph | Table)[] {
    return blocks.flatMap((b) => this.block(b, indent));
  }

  block(b: DocBlock, indent: Indent): (Paragraph | Table)[] {
    switch (b.type) {
      case 'paragraph': {
        if (b.number === undefined) return [para(runs(b.content), { indent: { left: indent.left } })];
        const left = indent.left + HANG;
        return [
          para([new TextRun({ text: b.number }), new TextRun({ children: [new Tab()] }), ...runs(b.content)], {
            indent: { left, hanging: HANG },
            tabStops: [{ type: 'left', position: left }],
          }),
          ...this.blocks(b.children ?? [], { left }),
        ];
      }
      case 'list':
        return b.items.flatMap((item, i) => {
          const [first, ...rest] = item.blocks;
          const marker = b.ordered ? `${(b.start ?? 1) + i}.` : '\u2022';
          const left = indent.left + (b.ordered ? HANG : 425);
          const head = first?.type === 'paragraph' ? runs(first.content) : [];
          return [
            para([new TextRun({ text: marker }), new TextRun({ children: [new Tab()] }), ...head], {
              indent: { left, hanging: left - indent.left },
              tabStops: [{ type: 'left', position: left }],
              spacing: { after: 80 },
            }),
            ...this.blocks(first && first.type !== 'paragraph' ? [first, ...rest] : rest, { left }),
          ];
        });
      case 'table':
        return [this.table(b), para([], { spacing: { after: 120 } })];
      case 'signoff': {
        const line = (l: { label: string; value: string } | undefined, label: string, last: boolean): Paragraph =>
          new Paragraph({
            indent: { left: indent.left },
            spacing: { after: last ? 200 : 60 },
            keepNext: !last,
            children: [new TextRun({ text: `${l?.label ?? label}: `, bold: true }), new TextRun({ text: l?.value ?? '' })],
          });
        return [line(b.signed, 'Signed', false), line(b.dated, 'Dated', true)];
      }
      case 'quote':
        return this.blocks(b.blocks, { left: indent.left + 567 });
      case 'code':
        return b.value.split('\n').map((l) => new Paragraph({ children: [new TextRun({ text: l, font: 'Courier New', size: 20 })], indent: { left: indent.left } }));
      case 'rule':
        return [new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, spacing: { after: 160 } })];
    }
  }

  table(b: Extract<DocBlock, { type: 'table' }>): Table {
    const cols = Math.max(b.head.length, ...b.rows.map((r) => r.length), 1);
    const colWidth = Math.floor(TEXT_WIDTH / cols);
    const align = (i: number): (typeof AlignmentType)[keyof typeof AlignmentType] =>
      b.align[i] === 'right' ? AlignmentType.RIGHT : b.align[i] === 'center' ? AlignmentType.CENTER : AlignmentType.LEFT;
    const row = (cells: Inline[][], header: boolean): TableRow =>
      new TableRow({
        tableHeader: header,
        children: Array.from({ length: cols }, (_, i) =>
          new TableCell({
            width: { size: colWidth, type: WidthType.DXA },
            ...(header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'E8E8E8' } } : {}),
            margins: { top: 60, bottom: 60, left: 100, right: 100 },
            children: [new Paragraph({ alignment: align(i), children: runs(cells[i] ?? [], header ? { bold: true } : {}) })],
          }),
        ),
      });
    return new Table({
      width: { size: colWidth * cols, type: WidthType.DXA },
      columnWidths: Array.from({ length: cols }, () => colWidth),
      rows: [row(b.head, true), ...b.rows.map((r) => row(r, false))],
    });
  }

  section(s: DocSection, appendix: boolean, first: boolean): (Paragraph | Table)[] {
    const h = s.heading;
    const level = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6][Math.min(h.depth, 6)]!;
    const numbered = h.number !== undefined;
    const heading = new Paragraph({
      heading: level,
      pageBreakBefore: appendix && h.depth === 1 && first,
      keepNext: true,
      children: numbered ? [new TextRun({ text: h.number! }), new TextRun({ children: [new Tab()] }), new TextRun({ text: h.title })] : [new TextRun({ text: h.title })],
      ...(numbered ? { indent: { left: HANG, hanging: HANG }, tabStops: [{ type: 'left' as const, position: HANG }] } : {}),
    });
    return [heading, ...this.blocks(s.blocks), ...s.children.flatMap((c) => this.section(c, appendix, false))];
  }

  fieldPara(f: HeaderField, bullet: boolean): Paragraph {
    return new Paragraph({
      ...(bullet ? { bullet: { level: 0 } } : {}),
      spacing: { after: bullet ? 40 : 120 },
      children: [new TextRun({ text: `${f.label}: `, bold: true }), new TextRun({ text: f.missing ? `[${f.label} missing]` : f.value, ...(f.missing ? { italics: true, color: 'B00020' } : {}) })],
    });
  }

  header(doc: ReportDocument): Paragraph[] {
    const county = doc.layout === 'county';
    const out: Paragraph[] = [];
    const missing = (text: string): TextRun => new TextRun({ text, italics: true, color: 'B00020', bold: true });
    for (const item of doc.header.items as HeaderItem[]) {
      switch (item.type) {
        case 'title':
          out.push(
            new Paragraph({
              alignment: county ? AlignmentType.CENTER : AlignmentType.LEFT,
              spacing: { after: county ? 240 : 200 },
              children: [item.missing ? missing('[Report title missing]') : new TextRun({ text: item.text, bold: true, size: county ? SIZE : 32 })],
            }),
          );
          break;
        case 'line':
          out.push(
            new Paragraph({
              alignment: county ? AlignmentType.CENTER : AlignmentType.LEFT,
              spacing: { after: county ? 240 : 160 },
              children: [item.missing ? missing(`[${item.key.replace(/_/g, ' ')} missing]`) : new TextRun({ text: item.text, bold: true })],
            }),
          );
          break;
        case 'field':
          out.push(this.fieldPara(item, false));
          break;
        case 'group':
          out.push(new Paragraph({ spacing: { before: 120, after: 80 }, children: [new TextRun({ text: item.heading, bold: true })] }));
          for (const f of item.fields) out.push(this.fieldPara(f, true));
          out.push(new Paragraph({ children: [], spacing: { after: 120 } }));
          break;
      }
    }
    out.push(new Paragraph({ children: [], border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '999999', space: 1 } }, spacing: { after: 240 } }));
    return out;
  }
}

/** The body of one report (header block, sections, appendices), for one report or an agenda pack. */
export function docxReportBody(doc: ReportDocument): (Paragraph | Table)[] {
  // Read by runs() while the body is built (synchronously, below).
  definitions = doc.definitions;
  const w = new DocxWriter();
  const body: (Paragraph | Table)[] = [
    ...w.header(doc),
    ...w.blocks(doc.intro),
    ...doc.sections.flatMap((s) => w.section(s, false, false)),
    ...doc.appendices.flatMap((s) => w.section(s, true, true)),
  ];
  definitions = {};
  return body;
}

/** The report as a Word document (.docx bytes). */
export async function renderDocx(doc: ReportDocument): Promise<Uint8Array> {
  return docxFile(docxReportBody(doc), doc.title || 'Committee report', doc.templateId ? `Committee report (${doc.templateId})` : 'Committee report');
}

/** A Word document in the council's page setup and styles, around a body. */
export async function docxFile(body: (Paragraph | Table)[], title: string, description: string): Promise<Uint8Array> {
  const headingStyle = (id: string, name: string, size: number, italics = false): object => ({
    id,
    name,
    basedOn: 'Normal',
    next: 'Normal',
    quickFormat: true,
    run: { font: FONT, size, bold: true, italics, color: '000000' },
    paragraph: { spacing: { before: 280, after: 140 }, keepNext: true },
  });
  const file = new Document({
    creator: 'Committee Reports',
    title,
    description,
    styles: {
      default: { document: { run: { font: FONT, size: SIZE }, paragraph: { spacing: { line: 276 } } } },
      paragraphStyles: [
        headingStyle('Heading1', 'Heading 1', 30),
        headingStyle('Heading2', 'Heading 2', 26),
        headingStyle('Heading3', 'Heading 3', 24),
        headingStyle('Heading4', 'Heading 4', 24, true),
        headingStyle('Heading5', 'Heading 5', 24, true),
        headingStyle('Heading6', 'Heading 6', 24, true),
      ] as never,
    },
    sections: [
      {
        properties: { page: { size: { width: PAGE.width, height: PAGE.height }, margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin } } },
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: 18 })] })],
          }),
        },
        children: body,
      },
    ],
  });
  const buf = await Packer.toArrayBuffer(file);
  return new Uint8Array(buf);
}
