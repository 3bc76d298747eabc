import type { Nodes, Parents } from 'mdast';

/**
 * Visits a syntax tree in document order (pre-order) without recursion: a tree can be as
 * deep as its text is long (nested emphasis, quotes, lists), and a recursive walk would
 * overflow the stack. `visit` gets each node with the context its parent passed down and
 * returns the context for the node's children, or `false` to skip them.
 */
export function walkTree<C>(root: Nodes, context: C, visit: (node: Nodes, context: C) => C | false): void {
  const nodes: Nodes[] = [root];
  const contexts: C[] = [context];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const next = visit(node, contexts.pop()!);
    if (next === false) continue;
    const children = (node as Parents).children as Nodes[] | undefined;
    if (!children) continue;
    for (let i = children.length - 1; i >= 0; i--) {
      nodes.push(children[i]!);
      contexts.push(next);
    }
  }
}

/**
 * Visits, outermost first, every node whose range holds `offset` (its start ≤ offset ≤ its
 * end, so a node ending at `offset` and the one starting there both count). Siblings are in
 * document order and do not overlap, so each level is a binary search: the cost is the depth
 * times the log of the widest level, not the size of the tree (a 5 MB report has ~10,000
 * top-level blocks, and this runs on every edit).
 */
export function nodesAt(root: Nodes, offset: number, visit: (node: Nodes) => void): void {
  const stack: Nodes[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const children = (node as Parents).children as Nodes[] | undefined;
    if (!children || children.length === 0) continue;
    // The first child that ends at or after the offset.
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((children[mid]!.position?.end.offset ?? 0) < offset) lo = mid + 1;
      else hi = mid;
    }
    const holding: Nodes[] = [];
    for (let i = lo; i < children.length && (children[i]!.position?.start.offset ?? 0) <= offset; i++) holding.push(children[i]!);
    for (let i = holding.length - 1; i >= 0; i--) stack.push(holding[i]!);
  }
}
