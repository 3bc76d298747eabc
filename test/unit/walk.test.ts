import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Nodes } from 'mdast';
import { nodesAt, walkTree } from '../../server/src/core/walk.js';
import { parseMarkdown } from '../../server/src/core/parse.js';

const sample = [
  '# Title',
  '',
  '1.1 A paragraph with *emphasis* and a [link](https://example.com).',
  '',
  '> A quote',
  '> - with a list',
  '>   ```',
  '>   code in it',
  '',
  '<!-- an HTML comment that runs on',
  '',
  '| a | b |',
  '| - | - |',
  '| 1 | 2 |',
  '',
  '```',
  'unclosed',
].join('\n');

test('nodesAt visits exactly the nodes holding the offset, outermost first, at every offset', () => {
  const tree = parseMarkdown(sample);
  for (let offset = 0; offset <= sample.length; offset++) {
    const expected: Nodes[] = [];
    walkTree<true>(tree, true, (n) => {
      const s = n.position!.start.offset!;
      const e = n.position!.end.offset!;
      if (n.type !== 'root' && (offset < s || offset > e)) return false;
      expected.push(n);
      return true;
    });
    const got: Nodes[] = [];
    nodesAt(tree, offset, (n) => got.push(n));
    assert.deepEqual(got, expected, `offset ${offset}`);
  }
});

test('nodesAt reads a few nodes per level, not the whole tree (a 10,000-block document)', () => {
  const text = Array.from({ length: 10_000 }, (_, i) => `Paragraph ${i} with *some* words.`).join('\n\n');
  const tree = parseMarkdown(text);
  let positionsRead = 0;
  // Count the reads of the children's positions: the binary search and the scan.
  const counting = (n: Nodes): Nodes => {
    if ('children' in n) {
      const kids = n.children as Nodes[];
      for (const k of kids) {
        const pos = k.position!;
        Object.defineProperty(k, 'position', { get: () => (positionsRead++, pos), configurable: true });
      }
    }
    return n;
  };
  counting(tree);
  let visited = 0;
  nodesAt(tree, Math.floor(text.length / 2), () => visited++);
  assert.ok(visited <= 6, `visited ${visited}`);
  assert.ok(positionsRead <= 40, `read ${positionsRead} positions of 10,000 blocks`);
});
