import { checkReport } from '../../server/src/core/check.js';
import { installDictionary } from '../../server/src/node/dictionary.js';
import { applyFixes } from '../../server/src/core/fix.js';
import type { Finding } from '../../server/src/core/types.js';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown } from '../../server/src/core/parse.js';

// The prose rules' dictionary, read from its npm package.
installDictionary();

/** The date fixtures are checked on, so date rules are reproducible. */
export const FIXTURE_TODAY = '2026-02-20';

/**
 * Lines (1-based) expected to carry a finding of `ruleId`, with counts. The comment
 * names the line it sits on, or another with `expect@N:` (for the opening `---` of the
 * front matter, which cannot carry a comment).
 */
export function readExpectations(text: string, ruleId: string): Map<number, number> {
  const out = new Map<number, number>();
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/(?:<!--|#)\s*expect(?:@(\d+))?:\s*([^>\n]*?)\s*(?:-->|$)/g)) {
      const at = m[1] ? Number(m[1]) : i + 1;
      for (const id of m[2]!.split(/[\s,]+/)) {
        const [name, count] = id.split('*');
        if (name === ruleId) out.set(at, (out.get(at) ?? 0) + Number(count ?? 1));
      }
    }
  });
  return out;
}

/**
 * Applies the first fix of every finding of `ruleId`, in passes (fixes that touch the
 * same place land in later passes), until the rule offers no more fixes.
 */
export function fixRule(text: string, ruleId: string, passes = 10): { text: string; remaining: Finding[] } {
  let current = text;
  for (let i = 0; i < passes; i++) {
    const findings = checkReport(current, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === ruleId);
    const fixes = findings.flatMap((f) => f.fixes.slice(0, 1));
    if (fixes.length === 0) return { text: current, remaining: findings };
    const next = applyFixes(current, fixes).text;
    if (next === current) return { text: current, remaining: findings };
    current = next;
  }
  return { text: current, remaining: checkReport(current, { today: FIXTURE_TODAY }).findings.filter((f) => f.ruleId === ruleId) };
}

/** Moves every offset in a tree (not lines or columns). */
function shiftOffsets(node: Nodes, d: number): void {
  if (node.position) {
    node.position.start.offset! += d;
    node.position.end.offset! += d;
  }
  if ('children' in node) for (const c of node.children) shiftOffsets(c as Nodes, d);
}

/**
 * A whole parse, with offsets counted in the text: remark counts them from after a
 * leading byte-order mark, which would put every range one character off.
 */
export function wholeParse(text: string): Root {
  const tree = parseMarkdown(text);
  if (text.startsWith('\uFEFF')) {
    for (const n of tree.children) shiftOffsets(n, 1);
    tree.position!.end.offset = text.length;
  }
  return tree;
}
