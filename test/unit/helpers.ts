/** The date fixtures are checked on, so date rules are reproducible. */
export const FIXTURE_TODAY = '2026-02-20';

/** Lines (1-based) expected to carry a finding of `ruleId`, with counts. */
export function readExpectations(text: string, ruleId: string): Map<number, number> {
  const out = new Map<number, number>();
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(/(?:<!--|#)\s*expect:\s*([^>\n]*?)\s*(?:-->|$)/g)) {
      for (const id of m[1]!.split(/[\s,]+/)) {
        const [name, count] = id.split('*');
        if (name === ruleId) out.set(i + 1, (out.get(i + 1) ?? 0) + Number(count ?? 1));
      }
    }
  });
  return out;
}
