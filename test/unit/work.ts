/**
 * Counts work instead of timing it, so a linear-time test gives the same answer on an
 * idle machine and a loaded one. While `fn` runs, every call of a regular expression and
 * of the String scans adds the characters it looked at: from where it starts to the end
 * of what it found, or to the end of the text when it found nothing (`exec`, `test`,
 * `indexOf`, `includes`, `lastIndexOf`, backwards); a whole-text call (`replace` or
 * `match` with a global expression, `matchAll`, `split`, `search`) the whole text; `slice`
 * and `substring` what they copy. Code that looks at the text again from every position
 * (the usual cause of quadratic time) shows as work growing with the square of the input.
 * Backtracking inside one call is not seen here.
 */
export function countWork(fn: () => void): number {
  let work = 0;
  type Method = (...a: unknown[]) => unknown;
  const rx = RegExp.prototype as unknown as Record<string | symbol, Method>;
  const str = String.prototype as unknown as Record<string, Method>;
  const saved: [Record<string | symbol, Method>, string | symbol, Method][] = [];
  const exec = rx.exec!;
  const replace = (proto: Record<string | symbol, Method>, key: string | symbol, make: (original: Method) => Method): void => {
    const original = proto[key]!;
    saved.push([proto, key, original]);
    proto[key] = make(original);
  };
  const execCounted = function (this: RegExp, input: unknown): RegExpExecArray | null {
    const s = String(input);
    const start = this.global || this.sticky ? this.lastIndex : 0;
    const m = exec.call(this, s) as RegExpExecArray | null;
    work += Math.max(1, (m ? m.index + m[0].length : s.length) - start);
    return m;
  };
  replace(rx, 'exec', () => execCounted as Method);
  replace(rx, 'test', () => function (this: RegExp, input: unknown) {
    return execCounted.call(this, input) !== null;
  } as Method);
  const whole = (original: Method): Method =>
    function (this: RegExp, ...args: unknown[]) {
      work += Math.max(1, String(args[0]).length);
      return original.apply(this, args);
    };
  const onceOrWhole = (original: Method): Method =>
    function (this: RegExp, ...args: unknown[]) {
      // Not global: one search, which `exec` (called inside) counts.
      if (this.global) work += Math.max(1, String(args[0]).length);
      return original.apply(this, args);
    };
  replace(rx, Symbol.replace, onceOrWhole);
  replace(rx, Symbol.match, onceOrWhole);
  replace(rx, Symbol.matchAll, whole);
  replace(rx, Symbol.split, whole);
  replace(rx, Symbol.search, whole);
  const nativeIndexOf = String.prototype.indexOf;
  const forward = (original: Method): Method =>
    function (this: unknown, ...args: unknown[]) {
      const s = String(this);
      const from = Math.max(0, Number(args[1] ?? 0));
      const at = nativeIndexOf.call(s, String(args[0]), from);
      work += Math.max(1, at === -1 ? s.length - from : at - from + String(args[0]).length);
      return original.apply(this, args);
    };
  replace(str, 'indexOf', forward);
  replace(str, 'includes', forward);
  replace(str, 'lastIndexOf', (original) =>
    function (this: unknown, ...args: unknown[]) {
      const s = String(this);
      const from = args[1] === undefined ? s.length : Math.max(0, Number(args[1]));
      const at = original.apply(this, args) as number;
      work += Math.max(1, at === -1 ? from : from - at);
      return at;
    });
  const copy = (original: Method): Method =>
    function (this: unknown, ...args: unknown[]) {
      const out = original.apply(this, args) as string;
      work += Math.max(1, out.length);
      return out;
    };
  replace(str, 'slice', copy);
  replace(str, 'substring', copy);
  try {
    fn();
  } finally {
    for (const [proto, key, original] of saved.reverse()) proto[key] = original;
  }
  return work;
}
