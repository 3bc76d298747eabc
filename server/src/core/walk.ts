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
