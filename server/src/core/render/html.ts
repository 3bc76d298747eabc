import { unified } from 'unified';
import remarkRehype from 'remark-rehype';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import type { Root as MdRoot, RootContent as MdContent } from 'mdast';
import type { Element, ElementContent, Properties, Root as HastRoot } from 'hast';
import type { DocBlock, DocSection, HeaderField, HeaderItem, Inline, ReportDocument } from './document.js';
import { SANITIZE_SCHEMA } from './sanitize.js';
import { REPORT_CSS } from './styles.js';
import { escapeHtml, localImageUrl, makeNonce } from './escape.js';

export { escapeHtml, makeNonce };

/**
 * HTML writer of the report document. Markdown content goes through remark-rehype (raw
 * HTML in the draft is never passed through), the whole page body through rehype-sanitize
 * with our schema, then rehype-stringify. Front-matter values are text nodes, so they are
 * escaped like everything else.
 */

export interface HtmlOptions {
  /**
   * Maps an image `src` as written to the URL to use, or undefined to drop the image
   * (its alt text is kept). Default: keep paths inside the report's folder (`localImageUrl`),
   * drop URLs, absolute paths and paths leaving the folder, so that nothing is fetched
   * from the network or from elsewhere on the disk.
   */
  imageSrc?: (src: string) => string | undefined;
}

const mdToHast = unified().use(remarkRehype).freeze();
const finish = unified().use(rehypeSanitize, SANITIZE_SCHEMA).use(rehypeStringify).freeze();

function el(tagName: string, properties: Properties, children: ElementContent[] = []): Element {
  return { type: 'element', tagName, properties, children };
}

function txt(value: string): ElementContent {
  return { type: 'text', value };
}

function at(o: { line?: number | undefined; endLine?: number | undefined }): Properties {
  return o.line === undefined ? {} : { dataLine: String(o.line), dataEndLine: String(o.endLine ?? o.line) };
}

/** Images inside the report's folder only: nothing from the network or elsewhere on the disk. */
function defaultImageSrc(src: string): string | undefined {
  return localImageUrl(src);
}

class Writer {
  private readonly definitions: MdContent[];

  constructor(
    private readonly opts: HtmlOptions,
    private readonly doc?: ReportDocument,
  ) {
    // Reference links (`[text][ref]`) resolve against the draft's definitions.
    this.definitions = Object.entries(doc?.definitions ?? {}).map(([identifier, d]) => ({ type: 'definition', identifier, label: identifier, url: d.url, title: d.title ?? null }));
  }

  /** Markdown inline content → hast, through remark-rehype. */
  inline(nodes: Inline[]): ElementContent[] {
    const root: MdRoot = { type: 'root', children: [{ type: 'paragraph', children: this.images(nodes) }, ...this.definitions] };
    const hast = mdToHast.runSync(root) as HastRoot;
    const p = hast.children.find((c): c is Element => c.type === 'element' && c.tagName === 'p');
    return p ? p.children : [];
  }

  /** Images resolved (or replaced by their alt text) before conversion. */
  private images(nodes: Inline[]): Inline[] {
    const resolve = this.opts.imageSrc ?? defaultImageSrc;
    return nodes.map((n): Inline => {
      if (n.type === 'imageReference') {
        // Resolved here, so that the image goes through the same URL check.
        const def = this.doc?.definitions[n.identifier];
        n = def ? { type: 'image', url: def.url, alt: n.alt ?? null } : { type: 'text', value: n.alt ? `[${n.alt}]` : '' };
      }
      if (n.type === 'image') {
        const src = resolve(n.url);
        return src === undefined ? { type: 'text', value: n.alt ? `[${n.alt}]` : '' } : { ...n, url: src };
      }
      if ('children' in n && Array.isArray(n.children)) return { ...n, children: this.images(n.children as Inline[]) } as Inline;
      return n;
    });
  }

  blocks(blocks: DocBlock[]): ElementContent[] {
    return blocks.map((b) => this.block(b));
  }

  block(b: DocBlock): Element {
    switch (b.type) {
      case 'paragraph': {
        if (b.number === undefined) return el('p', { className: ['cr-p'], ...at(b) }, this.inline(b.content));
        const body: ElementContent[] = [el('p', {}, this.inline(b.content)), ...this.blocks(b.children ?? [])];
        return el('div', { className: ['cr-para', 'cr-numbered'], ...at(b) }, [el('span', { className: ['cr-num'] }, [txt(b.number)]), el('div', { className: ['cr-body'] }, body)]);
      }
      case 'list': {
        const props: Properties = { className: ['cr-list'], ...at(b) };
        if (b.ordered && b.start !== undefined && b.start !== 1) props.start = b.start;
        return el(
          b.ordered ? 'ol' : 'ul',
          props,
          b.items.map((it) => {
            // A tight list item's single paragraph prints without its <p>.
            const only = it.blocks.length === 1 && it.blocks[0]!.type === 'paragraph' && it.blocks[0]!.number === undefined ? it.blocks[0]! : undefined;
            return el('li', at(it), only && only.type === 'paragraph' ? this.inline(only.content) : this.blocks(it.blocks));
          }),
        );
      }
      case 'table': {
        const cell = (tag: string, content: Inline[], i: number): Element => {
          const align = b.align[i];
          return el(tag, align ? { align } : {}, this.inline(content));
        };
        const head = el('thead', {}, [el('tr', {}, b.head.map((c, i) => cell('th', c, i)))]);
        const body = el('tbody', {}, b.rows.map((r) => el('tr', {}, r.map((c, i) => cell('td', c, i)))));
        return el('table', { className: ['cr-table'], ...at(b) }, b.rows.length > 0 ? [head, body] : [head]);
      }
      case 'signoff': {
        const line = (l: { label: string; value: string; line: number } | undefined, label: string): Element =>
          el('p', { className: ['cr-signoff-line', l?.value ? 'cr-has-value' : 'cr-missing'], ...at({ line: l?.line }) }, [
            el('span', { className: ['cr-label'] }, [txt(`${label}:`)]),
            txt(' '),
            el('span', { className: ['cr-value'] }, [txt(l?.value ?? '')]),
          ]);
        return el('div', { className: ['cr-signoff'], ...at(b) }, [line(b.signed, b.signed?.label ?? 'Signed'), line(b.dated, b.dated?.label ?? 'Dated')]);
      }
      case 'quote':
        return el('blockquote', { className: ['cr-quote'], ...at(b) }, this.blocks(b.blocks));
      case 'code':
        return el('pre', { className: ['cr-code'], ...at(b) }, [el('code', {}, [txt(b.value)])]);
      case 'rule':
        return el('hr', { className: ['cr-rule'], ...at(b) });
    }
  }

  section(s: DocSection, appendix: boolean): Element {
    const h = s.heading;
    const depth = Math.min(Math.max(h.depth, 1), 6);
    const heading = el(`h${depth}`, { className: ['cr-heading'], ...at(h) }, [
      ...(h.number ? [el('span', { className: ['cr-num'] }, [txt(h.number)]), txt(' ')] : []),
      el('span', { className: ['cr-heading-text'] }, [txt(h.title)]),
    ]);
    const props: Properties = { className: ['cr-section', `cr-level-${depth}`, ...(appendix && depth === 1 ? ['cr-appendix'] : [])], ...at(s) };
    if (s.specId) props.dataSpec = s.specId;
    return el('section', props, [heading, ...this.blocks(s.blocks), ...s.children.map((c) => this.section(c, appendix))]);
  }

  fieldLine(f: HeaderField, tag = 'p'): Element {
    return el(tag, { className: ['cr-field', ...(f.missing ? ['cr-missing'] : [])], dataKey: f.key, ...at(f) }, [
      el('span', { className: ['cr-label'] }, [txt(`${f.label}:`)]),
      txt(' '),
      el('span', { className: ['cr-value'] }, [txt(f.missing ? `[${f.label} missing]` : f.value)]),
    ]);
  }

  headerItem(item: HeaderItem): Element {
    switch (item.type) {
      case 'title':
        return el('h1', { className: ['cr-title', ...(item.missing ? ['cr-missing'] : [])], ...at(item) }, [txt(item.missing ? '[Report title missing]' : item.text)]);
      case 'line':
        return el('p', { className: ['cr-header-line', `cr-${item.key.replace(/_/g, '-')}`, ...(item.missing ? ['cr-missing'] : [])], dataKey: item.key, ...at(item) }, [
          txt(item.missing ? `[${item.key.replace(/_/g, ' ')} missing]` : item.text),
        ]);
      case 'field':
        return this.fieldLine(item);
      case 'group':
        return el('div', { className: ['cr-useful'] }, [
          el('p', { className: ['cr-useful-heading'] }, [txt(item.heading)]),
          el('ul', { className: ['cr-useful-list'] }, item.fields.map((f) => this.fieldLine(f, 'li'))),
        ]);
    }
  }

  article(doc: ReportDocument): Element {
    const props: Properties = { className: ['cr-report', `cr-layout-${doc.layout}`], dataLayout: doc.layout };
    if (doc.templateId) props.dataTemplate = doc.templateId;
    return el('article', props, [
      el('header', { className: ['cr-header'] }, doc.header.items.map((i) => this.headerItem(i))),
      ...(doc.intro.length > 0 ? [el('div', { className: ['cr-intro'] }, this.blocks(doc.intro))] : []),
      ...doc.sections.map((s) => this.section(s, false)),
      ...doc.appendices.map((s) => this.section(s, true)),
    ]);
  }
}

/** Sanitises and serialises a hast tree built by this module. */
export function toSafeHtml(children: ElementContent[]): string {
  const root: HastRoot = { type: 'root', children };
  const clean = finish.runSync(root) as HastRoot;
  return finish.stringify(clean);
}

/** The report as an HTML fragment (`<article class="cr-report">…`), sanitised. */
export function renderHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  return toSafeHtml([new Writer(opts, doc).article(doc)]);
}

/** Markdown blocks straight to sanitised HTML (for tests and other callers). */
export function markdownToSafeHtml(nodes: MdContent[]): string {
  const hast = mdToHast.runSync({ type: 'root', children: nodes }) as HastRoot;
  return toSafeHtml(hast.children as ElementContent[]);
}

/**
 * A standalone page for printing or saving as PDF: the same article, the council stylesheet
 * inline, and a Content-Security-Policy that runs no script and fetches nothing but images
 * next to the file.
 */
export function renderStandaloneHtml(doc: ReportDocument, opts: HtmlOptions = {}): string {
  return standalonePage(doc.title || 'Committee report', renderHtml(doc, opts));
}

/** The standalone page around sanitised (or escaped) body HTML, with the council stylesheet and `css` after it. */
export function standalonePage(title: string, body: string, css = ''): string {
  const nonce = makeNonce();
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'self' data:; base-uri 'none'; form-action 'none'`;
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="committee-reports">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style nonce="${nonce}">${REPORT_CSS}${css}</style>`,
    '</head>',
    '<body class="cr-standalone">',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
