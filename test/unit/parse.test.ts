import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Nodes, Root } from 'mdast';
import { wholeParse } from './helpers.js';
import { parseReport, IncrementalParser } from '../../server/src/core/incremental.js';

/**
 * `parseReport` parses in chunks, each with only the syntax extensions its text may use;
 * its tree must be exactly the one remark (with GFM and front matter) gives for the
 * whole text.
 */
const root = join(import.meta.dirname, '..', '..');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((d) => d.isFile() && (d.name.endsWith('.md') || d.name.endsWith('.txt')))
    .map((d) => join(d.parentPath, d.name))
    .sort();
}

function assertSameTree(text: string, what: string): Root {
  const whole = wholeParse(text);
  const chunked = parseReport(text);
  if (!isDeepStrictEqual(chunked, whole)) {
    const i = whole.children.findIndex((n, k) => !isDeepStrictEqual(n, chunked.children[k]));
    assert.fail(`${what}: trees differ at top-level node ${i}: ${JSON.stringify(whole.children[i])?.slice(0, 300)} vs ${JSON.stringify(chunked.children[i])?.slice(0, 300)}`);
  }
  return chunked;
}

test('a chunked parse equals a whole parse on every seed, fixture and example', () => {
  const files = [
    ...markdownFiles(join(root, 'test', 'seeds')),
    ...markdownFiles(join(root, 'test', 'fixtures')),
    ...markdownFiles(join(root, 'examples')),
    ...markdownFiles(join(root, '..', 'shared', 'seeds')),
  ];
  assert.ok(files.length > 100, `found ${files.length} files`);
  for (const f of files) assertSameTree(readFileSync(f, 'utf8'), f);
});

/** Filler that makes each part its own chunk (chunks are at least 2 KB). */
const FILLER = Array.from({ length: 12 }, (_, i) => `Paragraph ${i} of filler text that says nothing in particular about the council or its committees.`).join('\n\n');

/** The nodes of a type in a tree, in document order. */
function nodesOf<T extends Nodes['type']>(tree: Root, type: T): Extract<Nodes, { type: T }>[] {
  const out: Extract<Nodes, { type: T }>[] = [];
  const walk = (node: Nodes): void => {
    if (node.type === type) out.push(node as Extract<Nodes, { type: T }>);
    if ('children' in node) for (const c of node.children) walk(c as Nodes);
  };
  walk(tree);
  return out;
}

function count(tree: Root, type: Nodes['type']): number {
  return nodesOf(tree, type).length;
}

/** The source text a node covers. */
function sourceOf(text: string, node: Nodes): string {
  return text.slice(node.position!.start.offset, node.position!.end.offset);
}

function doc(parts: string[]): string {
  return parts.map((p) => `${p}\n\n${FILLER}`).join('\n\n');
}

test('each syntax extension still applies in the chunks that use it', () => {
  const cases: [string, Nodes['type'], number][] = [
    ['Contact: jane.smith@leicester.gov.uk for details.', 'link', 1],
    ['See WWW.Leicester.gov.uk/reports and HTTPS://democracy.leics.gov.uk/x today.', 'link', 2],
    ['Write to mailto:clerk@example.org.', 'link', 1],
    ['The ~~old~~ new figure, and ~one~ more.', 'delete', 2],
    ['| Year | Spend |\n| --- | --- |\n| 2024/25 | £1m |', 'table', 1],
    ['Year\n:-\n2024', 'table', 1],
    ['- [ ] draft\n- [X] sign off\n- [x] publish', 'listItem', 3],
  ];
  for (const [part, type, n] of cases) {
    const tree = assertSameTree(doc(['# Report', part, 'Closing words.']), part);
    assert.equal(count(tree, type), n, `${type} in ${JSON.stringify(part)}`);
  }
  const tasks = parseReport(doc(['- [ ] draft\n- [X] sign off']));
  assert.deepEqual(
    nodesOf(tasks, 'listItem').map((n) => n.checked),
    [false, true],
  );
});

test('a list whose items are apart by blank lines stays one list across chunks', () => {
  // Numbered paragraphs written as a loose ordered list, longer than one chunk.
  const items = Array.from({ length: 40 }, (_, i) => `${i + 1}. ${'The committee is asked to note the position set out in this paragraph. '.repeat(2)}`);
  const text = `# Report\n\n${items.join('\n\n')}\n\nAfter the list.\n`;
  const tree = assertSameTree(text, 'loose list');
  assert.equal(count(tree, 'list'), 1);
  const parser = new IncrementalParser(text);
  assert.equal(parser.tree.children.length, 3);
  // Not cut before its items, so not parsed in pieces and then again whole.
  assert.equal(parser.stats.parsedChars, text.length);
});

test('front matter is read only at the start, however long, and a later fence is not front matter', () => {
  const long = Array.from({ length: 60 }, (_, i) => `key_${i}: a value long enough to make the front matter pass the chunk size`).join('\n\n');
  const text = `---\n${long}\n---\n\n# Report\n\n${FILLER}\n\n---\ntitle: not front matter\n---\n\n${FILLER}\n`;
  const tree = assertSameTree(text, 'front matter');
  assert.equal(count(tree, 'yaml'), 1);
  assert.equal(tree.children[0]!.type, 'yaml');
});

test('link and footnote definitions act across the document, also inside a list or a quote', () => {
  const layouts = [
    ['[p]: https://example.org/plan', '[^1]: A footnote.'],
    ['> [p]: https://example.org/plan', '- An item.\n\n  [^1]: The note, inside a list item.'],
  ];
  for (const definitions of layouts) {
    const tree = assertSameTree(doc(['# Report', 'See the [plan][p] and the note.[^1]', ...definitions]), definitions.join(' / '));
    assert.equal(count(tree, 'linkReference'), 1);
    assert.equal(count(tree, 'footnoteReference'), 1);
  }
});

test('front matter after a byte-order mark, and a byte-order mark later in the text', () => {
  const marked = Array.from({ length: 80 }, (_, i) => `\uFEFFParagraph ${i}, which starts with a stray mark, as pasted text sometimes does.`).join('\n\n');
  const text = `\uFEFF---\ntemplate: leicester-city/executive\n---\n\n# Report\n\n${marked}\n`;
  const tree = assertSameTree(text, 'byte-order mark');
  assert.equal(count(tree, 'yaml'), 1);
  // Offsets are the text's: the front matter's node covers exactly its source.
  const frontMatter = '---\ntemplate: leicester-city/executive\n---';
  assert.equal(sourceOf(text, tree.children[0]!), frontMatter);
  // Also when definitions make it one whole parse.
  const withDefinition = `${text}\n[a]: https://example.org\n`;
  const whole = assertSameTree(withDefinition, 'byte-order mark, parsed whole');
  assert.equal(sourceOf(withDefinition, whole.children[0]!), frontMatter);
});

test('addresses written with character references or escapes become links, as in a whole parse', () => {
  for (const part of ['Write to clerk&#64;council.gov.uk today.', 'Write to clerk&commat;council.gov.uk today.', 'See www\\.leicester.gov.uk today.', 'See https&#58;//democracy.leics.gov.uk today.']) {
    const tree = assertSameTree(doc(['# Report', part]), part);
    assert.equal(count(tree, 'link'), 1, part);
  }
  for (const part of ['Year\n---:\n2024', 'Year\n:-:\n2024']) assert.equal(count(assertSameTree(doc(['# Report', part]), part), 'table'), 1, part);
});

test('a fence that closes inside a list item does not put the chunk cuts out of step', () => {
  // The line scan sees the indented closing fence as an opening one; the real fenced
  // block below has a blank line and a column-1 line inside it.
  const text = doc(['# Report', '- ```\n  let a = 1;\n  ```', '```\nfirst line\n\nColumn-one line inside the fence.\n```', 'After the fence.']);
  const tree = assertSameTree(text, 'fences');
  assert.equal(count(tree, 'code'), 2);
});

test('text with lone carriage returns as line endings', () => {
  const text = doc(['# Report', 'Para one.', 'Para two.']).replace(/\n/g, '\r');
  assertSameTree(text, 'lone CR');
  assertSameTree(`# Report\n\n${FILLER}\r\rAfter.\n\n${FILLER}\n`, 'mixed CR');
});
