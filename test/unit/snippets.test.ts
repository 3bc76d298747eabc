import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkReport } from '../../server/src/core/check.js';
import { BUILTIN_PROFILES, canonicalHeading, flattenSpecs } from '../../server/src/core/templates/loader.js';
import type { Profile } from '../../server/src/core/templates/schema.js';
import { renderSnippets, SNIPPETS_PATH, type SnippetFile } from '../../scripts/gen-snippets.js';

/**
 * The snippets are expanded as VS Code would (placeholders take their defaults, choices
 * their first or a chosen option, variables today's date), the tab stops left without a
 * default are filled with plausible text, and the checker must accept the result.
 */

// ---------------------------------------------------------------- snippet expansion

type Node =
  | { kind: 'text'; value: string }
  | { kind: 'stop'; n: number; children?: Node[]; choices?: string[] }
  | { kind: 'var'; name: string; children?: Node[]; transform?: { regex: string; format: string; options: string } };

/** A parser for the VS Code snippet grammar (tab stops, placeholders, choices, variables, transforms). */
function parseSnippet(src: string): Node[] {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`${msg} at ${i} in ${JSON.stringify(src)}`);
  };
  const parseAny = (until: string | undefined): Node[] => {
    const nodes: Node[] = [];
    let text = '';
    const flush = (): void => {
      if (text) nodes.push({ kind: 'text', value: text });
      text = '';
    };
    while (i < src.length) {
      const c = src[i]!;
      if (until !== undefined && c === until) break;
      if (c === '\\' && i + 1 < src.length && '$}\\'.includes(src[i + 1]!)) {
        text += src[i + 1];
        i += 2;
        continue;
      }
      if (c === '$') {
        const simple = /^\$(\d+|[A-Z_][A-Z_0-9]*)/.exec(src.slice(i));
        if (simple) {
          flush();
          i += simple[0].length;
          nodes.push(/^\d/.test(simple[1]!) ? { kind: 'stop', n: Number(simple[1]) } : { kind: 'var', name: simple[1]! });
          continue;
        }
        if (src[i + 1] === '{') {
          flush();
          nodes.push(parseComplex());
          continue;
        }
      }
      text += c;
      i++;
    }
    flush();
    return nodes;
  };
  const parseComplex = (): Node => {
    i += 2; // ${
    const id = /^(\d+|[A-Z_][A-Z_0-9]*)/.exec(src.slice(i));
    if (!id) return fail('expected a tab stop number or variable name');
    i += id[0].length;
    const isStop = /^\d/.test(id[1]!);
    const c = src[i];
    if (c === '}') {
      i++;
      return isStop ? { kind: 'stop', n: Number(id[1]) } : { kind: 'var', name: id[1]! };
    }
    if (c === ':') {
      i++;
      const children = parseAny('}');
      if (src[i] !== '}') fail('unclosed placeholder');
      i++;
      return isStop ? { kind: 'stop', n: Number(id[1]), children } : { kind: 'var', name: id[1]!, children };
    }
    if (c === '|' && isStop) {
      i++;
      const choices: string[] = [];
      let cur = '';
      while (i < src.length) {
        const ch = src[i]!;
        if (ch === '\\' && ',|\\$}'.includes(src[i + 1] ?? '')) {
          cur += src[i + 1];
          i += 2;
        } else if (ch === ',') {
          choices.push(cur);
          cur = '';
          i++;
        } else if (ch === '|' && src[i + 1] === '}') {
          choices.push(cur);
          i += 2;
          return { kind: 'stop', n: Number(id[1]), choices };
        } else {
          cur += ch;
          i++;
        }
      }
      return fail('unclosed choice');
    }
    if (c === '/' && !isStop) {
      const part = (): string => {
        let out = '';
        while (i < src.length && src[i] !== '/') {
          if (src[i] === '\\' && src[i + 1] === '/') {
            out += '/';
            i += 2;
          } else {
            out += src[i++];
          }
        }
        if (src[i] !== '/') fail('unclosed transform');
        i++;
        return out;
      };
      i++;
      const regex = part();
      const format = part();
      const close = src.indexOf('}', i);
      if (close === -1) fail('unclosed transform');
      const options = src.slice(i, close);
      i = close + 1;
      return { kind: 'var', name: id[1]!, transform: { regex, format, options } };
    }
    return fail(`unexpected ${JSON.stringify(c)}`);
  };
  const nodes = parseAny(undefined);
  if (i !== src.length) fail('trailing input');
  return nodes;
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** VS Code's date variables for a fixed day (`yyyy-mm-dd`). */
function dateVariables(iso: string): Record<string, string> {
  const [y, m, d] = iso.split('-');
  return { CURRENT_YEAR: y!, CURRENT_MONTH: m!, CURRENT_DATE: d!, CURRENT_MONTH_NAME: MONTHS[Number(m) - 1]!, CURRENT_YEAR_SHORT: y!.slice(2) };
}

interface ExpandOptions {
  today: string;
  /** Option index for a choice tab stop (default: the first). */
  choose?: Record<number, number>;
  /** Text for a tab stop that has no default; `before` is the line up to it. */
  fill?: (n: number, before: string) => string;
}

function collectStops(nodes: Node[], out = new Map<number, Node & { kind: 'stop' }>()): Map<number, Node & { kind: 'stop' }> {
  for (const node of nodes) {
    if (node.kind === 'stop' && (node.children || node.choices) && !out.has(node.n)) out.set(node.n, node);
    if (node.kind !== 'text' && node.children) collectStops(node.children, out);
  }
  return out;
}

function allStops(nodes: Node[], out = new Set<number>()): Set<number> {
  for (const node of nodes) {
    if (node.kind === 'stop') out.add(node.n);
    if (node.kind !== 'text' && node.children) allStops(node.children, out);
  }
  return out;
}

function applyTransform(value: string, t: { regex: string; format: string; options: string }): string {
  return value.replace(new RegExp(t.regex, t.options), (...m: unknown[]) =>
    t.format.replace(/\$(\d+)|\$\{(\d+)\}/g, (_s, a: string | undefined, b: string | undefined) => String(m[Number(a ?? b)] ?? '')),
  );
}

function expandSnippet(body: string[], opts: ExpandOptions): string {
  const nodes = parseSnippet(body.join('\n'));
  const defs = collectStops(nodes);
  const vars = dateVariables(opts.today);
  let out = '';
  const emit = (list: Node[]): void => {
    for (const node of list) {
      if (node.kind === 'text') {
        out += node.value;
      } else if (node.kind === 'var') {
        const value = vars[node.name];
        if (value === undefined) throw new Error(`unknown snippet variable ${node.name}`);
        out += node.transform ? applyTransform(value, node.transform) : value;
      } else if (node.n !== 0) {
        const def = defs.get(node.n);
        if (def?.choices) out += def.choices[opts.choose?.[node.n] ?? 0];
        else if (def?.children) emit(def.children);
        else out += (opts.fill ?? (() => ''))(node.n, out.slice(out.lastIndexOf('\n') + 1));
      }
    }
  };
  emit(nodes);
  return out;
}

// ---------------------------------------------------------------- fixtures

const snippets = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as SnippetFile;
const byPrefix = new Map(Object.values(snippets).map((s) => [s.prefix, s]));
const SKELETON_PREFIX: Record<string, string> = {
  'leicester-city/executive': 'report-exec',
  'leicester-city/scrutiny': 'report-scrutiny',
  'leicestershire-county/committee': 'report-county',
};

/** Expansion day: a single-digit day, so the zero-padded CURRENT_DATE is exercised. */
const TODAY = '2026-02-03';

const SENTENCES = [
  'The programme brings early help and children in need services together in each locality.',
  'The Commission is asked to consider progress since the last update.',
  'There are no direct financial implications arising from this report.',
  'The service will report further progress to the Commission later in the year.',
  'Officers have worked with schools, health partners and families on the proposals.',
];

/** Plausible text for an empty tab stop: a date, a sentence, or the rest of a started one. */
function plausible(n: number, before: string): string {
  if (/^(?:\w*date|Dated): $/.test(before)) return '3 February 2026';
  if (/\bto $/.test(before)) return 'update the committee on the programme and its next steps.';
  return SENTENCES[n % SENTENCES.length]!;
}

/**
 * The skeleton's placeholders (a signer called "Name", "Report title", `first.last@`, a
 * `0000` number), as the officer replaces them; commented hints are left alone.
 */
function realistic(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line.startsWith('# ') && !/^# Report title$/.test(line)
        ? line
        : line
            .replace(/^# Report title$/, '# Families First Partnership Programme')
            .replace(/^(\w+): Name, Role$/, '$1: Damian Elcock, Director of Social Care')
            .replace(/^(\w+): Name$/, '$1: Helen Sheppard')
            .replace(/^Signed: Name,/, 'Signed: Pat Smith,')
            .replace(/^Name {2}$/, 'Helen Sheppard  ')
            .replace(/^Job title {2}$/, 'Head of Service  ')
            .replace(/first\.last@/g, 'helen.sheppard@')
            .replace(/\b(0\d{3} ?\d{3} ?)0000\b/g, '$11170'),
    )
    .join('\n');
}

function skeletonFor(profile: Profile): string[] {
  const s = byPrefix.get(SKELETON_PREFIX[profile.id] ?? '');
  assert.ok(s, `no skeleton snippet for ${profile.id}`);
  return s.body;
}

function structural(text: string): string[] {
  return checkReport(text, { today: TODAY })
    .findings.filter((f) => f.ruleId.startsWith('structure/') || f.ruleId.startsWith('metadata/'))
    .map((f) => `${f.ruleId} @${f.range.start.line + 1}: ${f.message}`);
}

// ---------------------------------------------------------------- tests

describe('snippets file', () => {
  test('is what the template profiles give (run scripts/gen-snippets.ts)', () => {
    assert.equal(readFileSync(SNIPPETS_PATH, 'utf8'), renderSnippets());
  });

  test('every snippet parses, uses only date variables and numbers its tab stops 1..N', () => {
    for (const [name, s] of Object.entries(snippets)) {
      const nodes = parseSnippet(s.body.join('\n'));
      const stops = [...allStops(nodes)].filter((n) => n !== 0).sort((a, b) => a - b);
      assert.deepEqual(stops, stops.map((_, i) => i + 1), `${name}: tab stops ${stops.join(',')}`);
      expandSnippet(s.body, { today: TODAY, fill: plausible }); // throws on an unknown variable
      assert.ok(s.prefix && s.description, `${name}: prefix and description`);
    }
  });

  test('prefixes are unique and include the documented short ones', () => {
    const prefixes = Object.values(snippets).map((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length);
    for (const p of ['report-exec', 'report-scrutiny', 'report-county', 'signoff', 'recommendation', 'officer-contact', 'q-private', 'q-key-decision']) {
      assert.ok(prefixes.includes(p), p);
    }
    for (const id of ['financial', 'legal', 'equalities', 'climate', 'other']) assert.ok(prefixes.includes(`impl-${id}`), id);
  });
});

describe('the snippets write no date for the officer', () => {
  test('signoff leaves the date to write', () => {
    assert.equal(expandSnippet(byPrefix.get('signoff')!.body, { today: '2026-02-03' }), 'Signed: Name, Role\n\nDated: \n');
  });
});

describe('filled skeletons pass the structural checks', () => {
  for (const profile of BUILTIN_PROFILES) {
    describe(profile.id, () => {
      const untouched = expandSnippet(skeletonFor(profile), { today: TODAY });
      const text = realistic(expandSnippet(skeletonFor(profile), { today: TODAY, fill: plausible }));

      test('untouched, it is not ready to submit: its placeholders and empty sections are errors', () => {
        const errors = checkReport(untouched, { today: TODAY }).findings.filter((f) => f.severity === 'error');
        const ids = new Set(errors.map((f) => f.ruleId));
        assert.ok(ids.has('structure/template-prompt'), [...ids].join(', '));
        assert.ok(ids.has('structure/empty-section'), [...ids].join(', '));
        // No content or date written for the officer: no "None." as a default (a choice is the officer's), no date variable.
        assert.doesNotMatch(skeletonFor(profile).join('\n'), /\$\{\d+:None\.|\$CURRENT_/);
      });

      test('structure/* and metadata/* report nothing', (t) => {
        const result = checkReport(text, { today: TODAY });
        const isStructural = (id: string): boolean => /^(structure|metadata)\//.test(id);
        assert.deepEqual(result.ruleErrors.filter((e) => isStructural(e.ruleId)), []);
        assert.deepEqual(structural(text), [], text);
        // Other rules are not part of this contract; what they say is shown, not asserted.
        for (const e of result.ruleErrors) t.diagnostic(`(other rule threw) ${e.ruleId}: ${e.error.split('\n')[0]}`);
        for (const f of result.findings.filter((x) => !isStructural(x.ruleId))) t.diagnostic(`(other rule) ${f.ruleId} @${f.range.start.line + 1}: ${f.message}`);
      });

      test("every template section is there, in the template's exact wording and numbering", () => {
        const result = checkReport(text, { today: TODAY });
        assert.equal(result.profile?.id, profile.id);
        for (const spec of flattenSpecs(profile.sections)) {
          const m = result.match?.bySpec.get(spec.id);
          // A variant's section (insteadOf) is the other form's: the skeleton has the sections it stands for.
          if (spec.insteadOf.length > 0) {
            assert.equal(m, undefined, `${spec.id} is a variant's section`);
            continue;
          }
          assert.ok(m, `${spec.id} missing`);
          assert.equal(m.wording, 'exact', spec.id);
          assert.equal(m.section.heading.text.trim(), canonicalHeading(spec, profile));
        }
      });

      test('implications blocks carry their sign-off', () => {
        for (const spec of flattenSpecs(profile.sections).filter((s) => s.kind === 'implications' && s.signoff?.required)) {
          const heading = `### ${canonicalHeading(spec, profile)}`;
          const at = text.indexOf(`${heading}\n`);
          assert.ok(at >= 0, heading);
          const block = text.slice(at, text.indexOf('\n#', at + 1));
          assert.match(block, new RegExp(`\\nSigned: Pat Smith, ${spec.signoff!.role}\\n\\nDated: 3 February 2026\\n`));
        }
      });
    });
  }

  test('County paragraphs are numbered 1..N through the report', () => {
    const county = BUILTIN_PROFILES.find((p) => p.numbering === 'continuous')!;
    const text = expandSnippet(skeletonFor(county), { today: TODAY, fill: plausible });
    const numbers = [...text.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1]));
    assert.ok(numbers.length > 3);
    assert.deepEqual(numbers, numbers.map((_, i) => i + 1));
  });

  test('the decision_maker hint: a key decision needs it uncommented', () => {
    const profile = BUILTIN_PROFILES.find((p) => p.id === 'leicester-city/executive')!;
    const body = skeletonFor(profile);
    const keyStop = Number(/\$\{(\d+)\|/.exec(body.filter((l) => l.includes('|No,')).at(-1)!)![1]);
    const yes = realistic(expandSnippet(body, { today: TODAY, fill: plausible, choose: { [keyStop]: 1 } })).replace(/Yes - \n/, 'Yes - affects all wards and relates to significant budgets\n');
    const ids = (s: string): string[] => structural(s).map((x) => x.split(' ')[0]!);
    assert.deepEqual(ids(yes), ['metadata/conditional-key']);
    const uncommented = yes.replace(/^# (decision_maker): Name, Role\s+\(.*\)$/m, '$1: Sarah Russell, Deputy City Mayor');
    assert.notEqual(uncommented, yes);
    assert.deepEqual(ids(uncommented), []);
  });
});

describe('block snippets fit the skeletons', () => {
  /** Replaces the block that starts at `heading` (up to the next heading) with `replacement`. */
  const splice = (text: string, heading: string, replacement: string): string => {
    const at = text.indexOf(`${heading}\n`);
    assert.ok(at >= 0, heading);
    const end = text.indexOf('\n#', at + 1);
    return text.slice(0, at) + replacement + (end === -1 ? '' : text.slice(end));
  };

  for (const profile of BUILTIN_PROFILES.filter((p) => p.numberedHeadings)) {
    test(`${profile.id}: impl-* and q-* snippets, numbered for this form, give an accepted draft`, () => {
      let text = realistic(expandSnippet(skeletonFor(profile), { today: TODAY, fill: plausible }));
      const specs = flattenSpecs(profile.sections).filter((s) => s.kind === 'implications' || s.kind === 'question');
      assert.ok(specs.length > 0);
      for (const spec of specs) {
        const prefix = spec.kind === 'implications' ? `impl-${spec.id}` : `q-${spec.id}`;
        const snippet = byPrefix.get(prefix);
        assert.ok(snippet, prefix);
        const choice = parseSnippet(snippet.body[0]!).find((n): n is Node & { kind: 'stop' } => n.kind === 'stop' && !!n.choices);
        const index = choice ? choice.choices!.indexOf(spec.number!) : 0;
        assert.ok(index >= 0, `${prefix} offers ${spec.number}`);
        const expanded = realistic(expandSnippet(snippet.body, { today: TODAY, fill: plausible, choose: choice ? { [choice.n]: index } : {} }));
        const heading = `${'#'.repeat(spec.level)} ${canonicalHeading(spec, profile)}`;
        assert.equal(expanded.split('\n')[0], heading);
        text = splice(text, heading, expanded);
      }
      assert.deepEqual(structural(text), [], text);
    });
  }

  test('officer-contact is the County skeleton block', () => {
    const county = BUILTIN_PROFILES.find((p) => p.id === 'leicestershire-county/committee')!;
    const skeleton = expandSnippet(skeletonFor(county), { today: TODAY, fill: plausible });
    const block = expandSnippet(byPrefix.get('officer-contact')!.body, { today: TODAY });
    assert.equal(block, 'Name  \nJob title  \nTel: 0116 305 0000  \nEmail: [first.last@leics.gov.uk](mailto:first.last@leics.gov.uk)\n');
    assert.ok(skeleton.endsWith(`## Officer to Contact\n\n${block}`));
  });

  test('recommendation', () => {
    assert.equal(expandSnippet(byPrefix.get('recommendation')!.body, { today: TODAY }), '2.1 To note the report.');
    assert.equal(expandSnippet(byPrefix.get('recommendation')!.body, { today: TODAY, choose: { 2: 3 } }), '2.1 To approve the report.');
  });
});
