import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { combineExtensions } from 'micromark-util-combine-extensions';
import { gfmAutolinkLiteral } from 'micromark-extension-gfm-autolink-literal';
import { gfmFootnote } from 'micromark-extension-gfm-footnote';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmAutolinkLiteralFromMarkdown } from 'mdast-util-gfm-autolink-literal';
import { gfmFootnoteFromMarkdown } from 'mdast-util-gfm-footnote';
import { gfmStrikethroughFromMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Extension } from 'micromark-util-types';
import type { Extension as FromMarkdownExtension } from 'mdast-util-from-markdown';
import type { Root } from 'mdast';
import { limitForParse } from './limits.js';

/**
 * The report syntax: remark-parse with front matter (YAML) and GFM, within the limits of
 * `limitForParse` (nesting depth, table size). Parsing is pure,
 * so the processors are shared; nothing stateful (such as a spell checker) is attached.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

/** The whole text in one parse, exactly as remark-gfm and remark-frontmatter read it. */
export function parseMarkdown(text: string): Root {
  return processor.parse(limitForParse(text));
}

/** remark-parse alone, the benchmark's anchor. */
const plainProcessor = unified().use(remarkParse).freeze();
export function parsePlainMarkdown(text: string): Root {
  return plainProcessor.parse(text);
}

/**
 * The syntax extensions, each with a test that holds for any text in which the extension
 * can produce a node. A text that fails an extension's test parses to the same tree
 * without it, so a region is parsed with only the extensions its text may use. This
 * matters: GFM's autolink literals try a match at the start of every word (about 85% on
 * top of plain parsing on our seeds), and few parts of a report hold an address.
 */
interface Syntax {
  /** False only when `text` cannot contain the syntax. */
  may(text: string): boolean;
  micromark: () => Extension;
  fromMarkdown: () => FromMarkdownExtension;
}

// In remark-gfm's order (the order decides which construct tries a character first).
const GFM: Syntax[] = [
  // `www.`, `http://`, `https://` (either case) or an `@` (e-mail, `mailto:`, `xmpp:`).
  // Literals are also found after character references are decoded
  // (`clerk&#64;leics.gov.uk`), so any reference counts too. (A backslash escape only
  // applies to punctuation: `www`, `http` and `@` stay visible.)
  { may: (t) => t.includes('@') || /www|https?|&(?:#|[A-Za-z][A-Za-z0-9]*;)/i.test(t), micromark: gfmAutolinkLiteral, fromMarkdown: gfmAutolinkLiteralFromMarkdown },
  // Calls and definitions both open with `[^`.
  { may: (t) => t.includes('[^'), micromark: gfmFootnote, fromMarkdown: gfmFootnoteFromMarkdown },
  { may: (t) => t.includes('~'), micromark: gfmStrikethrough, fromMarkdown: gfmStrikethroughFromMarkdown },
  // A delimiter row has a pipe or an alignment colon (`a` over `:-` or `-:` is a table).
  { may: (t) => t.includes('|') || t.includes(':-') || t.includes('-:'), micromark: gfmTable, fromMarkdown: gfmTableFromMarkdown },
  // `[ ]`, `[x]`, `[X]`, also with a tab or line ending inside.
  { may: (t) => /\[[\sxX]/.test(t), micromark: gfmTaskListItem, fromMarkdown: gfmTaskListItemFromMarkdown },
];
const YAML = 1 << GFM.length;
const processors = new Map<number, Processor<Root>>();

function processorFor(features: number): Processor<Root> {
  let p = processors.get(features);
  if (!p) {
    const chosen = GFM.filter((_, i) => features & (1 << i));
    const base = unified().use(remarkParse);
    if (features & YAML) base.use(remarkFrontmatter, ['yaml']);
    p = base
      .use(function syntax() {
        const data = this.data();
        (data.micromarkExtensions ??= []).push(combineExtensions(chosen.map((s) => s.micromark())));
        (data.fromMarkdownExtensions ??= []).push(chosen.map((s) => s.fromMarkdown()));
      })
      .freeze() as unknown as Processor<Root>;
    processors.set(features, p);
  }
  return p;
}

/**
 * Parses `text`, which starts at offset `start` of a document, to the tree the whole
 * document's parse has for it, with only the extensions its text may use. Front matter
 * is read only at the start of the document.
 */
export function parseRegion(text: string, start: number): Root {
  let features = start === 0 && /^\uFEFF?---/.test(text) ? YAML : 0;
  const limited = limitForParse(text);
  for (let i = 0; i < GFM.length; i++) if (GFM[i]!.may(limited)) features |= 1 << i;
  return processorFor(features).parse(limited);
}
