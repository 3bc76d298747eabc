import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import type { Root } from 'mdast';

/**
 * One frozen processor for the process: remark-parse with front matter (YAML) and GFM
 * tables. Parsing is pure, so sharing it is safe; nothing stateful (such as a spell
 * checker) is attached to it.
 */
const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm).freeze();

export function parseMarkdown(text: string): Root {
  return processor.parse(text);
}

/** remark-parse alone, the benchmark's anchor. */
const plainProcessor = unified().use(remarkParse).freeze();
export function parsePlainMarkdown(text: string): Root {
  return plainProcessor.parse(text);
}
