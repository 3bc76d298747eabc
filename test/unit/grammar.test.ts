import { test, describe, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import vsctm from 'vscode-textmate';
import type { IGrammar, IRawGrammar, StateStack } from 'vscode-textmate';
import oniguruma from 'vscode-oniguruma';

/**
 * Scope tests for syntaxes/committee-report.tmLanguage.json, tokenised with the real
 * VS Code Markdown grammar (text.html.markdown, as shipped in the `tm-grammars`
 * package, taken from VS Code's markdown-basics) and the YAML grammar for front matter.
 */

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..', '..');
const SCOPE = 'text.html.markdown.committee-report';

const grammarFiles: Record<string, string> = {
  [SCOPE]: join(root, 'syntaxes', 'committee-report.tmLanguage.json'),
  'text.html.markdown': require.resolve('tm-grammars/grammars/markdown.json'),
  'source.yaml': require.resolve('tm-grammars/grammars/yaml.json'),
};

let grammar: IGrammar;

before(async () => {
  await oniguruma.loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    // Other embedded grammars (HTML, fenced-code languages) are left out: their includes resolve to nothing.
    loadGrammar: (scopeName: string): Promise<IRawGrammar | null> => {
      const file = grammarFiles[scopeName];
      return Promise.resolve(file ? vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file) : null);
    },
  });
  const g = await registry.loadGrammar(SCOPE);
  assert.ok(g, 'grammar loads');
  grammar = g;
});

interface Token {
  text: string;
  scopes: string[];
}

/** Tokens of each line of `text`, tokenised as one document. */
function tokenize(text: string): Token[][] {
  let state: StateStack = vsctm.INITIAL;
  return text.split('\n').map((line) => {
    const r = grammar.tokenizeLine(line, state);
    state = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

function line(text: string, n = 0, context = ''): Token[] {
  const lines = tokenize(context ? `${context}\n${text}` : text);
  return lines[n + (context ? context.split('\n').length : 0)]!;
}

/** The scopes (after the root and Markdown container scopes) of the token with exactly this text. */
function scopesOf(tokens: Token[], text: string): string[] {
  const t = tokens.find((x) => x.text === text);
  assert.ok(t, `no token "${text}" in ${JSON.stringify(tokens.map((x) => x.text))}`);
  return t.scopes;
}

/** The innermost scope of the token with exactly this text. */
function leaf(tokens: Token[], text: string): string {
  return scopesOf(tokens, text).at(-1)!;
}

const OURS = /committee-report$/;
function ourScopes(tokens: Token[]): string[] {
  return tokens.flatMap((t) => t.scopes.slice(1)).filter((s) => OURS.test(s));
}

describe('grammar', () => {
  test('loads with the expected scope name and embeds Markdown', () => {
    const raw = JSON.parse(readFileSync(grammarFiles[SCOPE]!, 'utf8')) as { scopeName: string; patterns: { include: string }[] };
    assert.equal(raw.scopeName, SCOPE);
    assert.deepEqual(raw.patterns, [{ include: 'text.html.markdown' }]);
  });

  describe('sign-off lines', () => {
    test('Signed: label, separator and value', () => {
      const tokens = line('Signed: Mohammed Irfan, Head of Finance');
      assert.deepEqual(
        tokens.map((t) => [t.text, t.scopes.slice(1)]),
        [
          ['Signed', ['meta.paragraph.markdown', 'meta.signoff.signed.committee-report', 'keyword.other.signoff.committee-report']],
          [':', ['meta.paragraph.markdown', 'meta.signoff.signed.committee-report', 'punctuation.separator.key-value.committee-report']],
          [' ', ['meta.paragraph.markdown', 'meta.signoff.signed.committee-report']],
          ['Mohammed Irfan, Head of Finance', ['meta.paragraph.markdown', 'meta.signoff.signed.committee-report', 'string.unquoted.signoff.committee-report']],
        ],
      );
      assert.equal(tokens[0]!.scopes[0], SCOPE);
    });

    test('Dated: label, and its value is a date', () => {
      const tokens = line('Dated: 3 February 2026');
      assert.equal(leaf(tokens, 'Dated'), 'keyword.other.signoff.committee-report');
      assert.deepEqual(scopesOf(tokens, '3 February 2026').slice(1), [
        'meta.paragraph.markdown',
        'meta.signoff.dated.committee-report',
        'string.unquoted.signoff.committee-report',
        'constant.numeric.date.committee-report',
      ]);
    });

    test('a value that is not a date is still the sign-off value', () => {
      const tokens = line('Dated: tbc');
      assert.equal(leaf(tokens, 'tbc'), 'string.unquoted.signoff.committee-report');
    });

    test('Signed and Dated on consecutive lines, and with an extension', () => {
      const lines = tokenize('Signed: Phil Ball, Sustainability Officer, Ext 37 2246\nDated: 16th February 2026');
      assert.equal(leaf(lines[0]!, 'Signed'), 'keyword.other.signoff.committee-report');
      assert.equal(leaf(lines[0]!, 'Phil Ball, Sustainability Officer, Ext 37 2246'), 'string.unquoted.signoff.committee-report');
      assert.equal(leaf(lines[1]!, 'Dated'), 'keyword.other.signoff.committee-report');
      assert.equal(leaf(lines[1]!, '16th February 2026'), 'constant.numeric.date.committee-report');
    });

    test('"signed" inside a sentence is ordinary text', () => {
      assert.deepEqual(ourScopes(line('The plan was Signed: by the Director.')), []);
      assert.deepEqual(ourScopes(line('Signed off by the board.')), []);
    });
  });

  describe('paragraph numbers', () => {
    for (const n of ['4.1', '4.1.', '4.1.1', '4.1.4.1', '12.10']) {
      test(`"${n} " at paragraph start`, () => {
        const tokens = line(`${n} The programme is a national initiative.`);
        assert.deepEqual(tokens[0]!.text, n);
        assert.deepEqual(tokens[0]!.scopes.slice(1), ['meta.paragraph.markdown', 'constant.numeric.paragraph-number.committee-report']);
        // The rest of the paragraph is Markdown text as before.
        assert.deepEqual(tokens[1]!.scopes.slice(1), ['meta.paragraph.markdown']);
      });
    }

    test('Markdown inline formatting still works after the number', () => {
      const tokens = line('4.2 The **Family Help** model');
      assert.equal(leaf(tokens, '4.2'), 'constant.numeric.paragraph-number.committee-report');
      assert.ok(scopesOf(tokens, 'Family Help').includes('markup.bold.markdown'));
    });

    test('numbers inside a sentence, versions and decimals are ordinary text', () => {
      assert.deepEqual(ourScopes(line('Spending rose by 4.1 per cent in 2024.')), []);
      assert.deepEqual(ourScopes(line('4.1percent is not a paragraph number.')), []);
      assert.deepEqual(ourScopes(line('Version 1.2 of the plan.')), []);
    });

    test('County list-marker numbers keep the Markdown list scopes', () => {
      const tokens = line('9. The programme continues.');
      assert.equal(leaf(tokens, '9.'), 'punctuation.definition.list.begin.markdown');
      assert.deepEqual(ourScopes(tokens), []);
    });

    test('a heading number is the heading, not a paragraph number', () => {
      const tokens = line('### 5.1 Financial implications');
      assert.deepEqual(ourScopes(tokens), []);
      assert.ok(tokens.some((t) => t.scopes.includes('markup.heading.markdown')));
    });
  });

  describe('dates', () => {
    for (const d of ['3 February 2026', '3rd February 2026', '03/03/2026', '2026-03-03', '5 SEPTEMBER 2024', '16th September', '21 Sept 2025']) {
      test(`"${d}" in a sentence`, () => {
        const tokens = line(`The meeting on ${d} agreed the plan.`);
        assert.deepEqual(scopesOf(tokens, d).slice(1), ['meta.paragraph.markdown', 'constant.numeric.date.committee-report']);
        assert.equal(leaf(tokens, 'The meeting on '), 'meta.paragraph.markdown');
      });
    }

    test('in list items, headings and table cells', () => {
      assert.equal(leaf(line('- Pilot started 3 November 2025.'), '3 November 2025'), 'constant.numeric.date.committee-report');
      assert.equal(leaf(line('## Update to 7 March 2023'), '7 March 2023'), 'constant.numeric.date.committee-report');
      assert.equal(leaf(line('| 01/10/2025 | Launch |', 0, '| Date | Event |\n| --- | --- |'), '01/10/2025'), 'constant.numeric.date.committee-report');
    });

    test('not dates: numbers, ratios, phone numbers, lower-case month words', () => {
      for (const text of ['There were 3 may attend.', 'A ratio of 3/4 was seen.', 'Call 0116 454 1170 today.', 'In 2026 the 12 schools met.', 'Page 13/2026-03 is missing.', 'Score 32/13/2026.']) {
        assert.deepEqual(ourScopes(line(text)), [], text);
      }
    });
  });

  describe('acronym definitions', () => {
    test('Full Name (ACR)', () => {
      const tokens = line('The Families First Partnership (FFP) programme is national.');
      assert.deepEqual(
        tokens.filter((t) => t.scopes.slice(1).some((s) => OURS.test(s))).map((t) => [t.text, t.scopes.slice(1)]),
        [
          ['The Families First Partnership', ['meta.paragraph.markdown', 'meta.acronym-definition.committee-report', 'meta.acronym.expansion.committee-report']],
          [' ', ['meta.paragraph.markdown', 'meta.acronym-definition.committee-report']],
          ['(', ['meta.paragraph.markdown', 'meta.acronym-definition.committee-report', 'punctuation.definition.acronym.begin.committee-report']],
          ['FFP', ['meta.paragraph.markdown', 'meta.acronym-definition.committee-report', 'entity.name.tag.acronym.committee-report']],
          [')', ['meta.paragraph.markdown', 'meta.acronym-definition.committee-report', 'punctuation.definition.acronym.end.committee-report']],
        ],
      );
    });

    for (const [text, expansion, acr] of [
      ['introduced by the Department for Education (DfE) in March', 'Department for Education', 'DfE'],
      ['Special Educational Needs and Disability (SEND) support', 'Special Educational Needs and Disability', 'SEND'],
      ['Multi-Agency Child Protection Teams (MACPTs) are', 'Multi-Agency Child Protection Teams', 'MACPTs'],
      ["Directors of Children's Services (DCSs) met", "Directors of Children's Services", 'DCSs'],
    ] as const) {
      test(`${expansion} (${acr})`, () => {
        const tokens = line(text);
        assert.equal(leaf(tokens, acr), 'entity.name.tag.acronym.committee-report');
        assert.equal(leaf(tokens, expansion), 'meta.acronym.expansion.committee-report');
      });
    }

    test('not definitions: an acronym alone, lower-case words, a bracketed number or word', () => {
      for (const text of ['The FFP board met.', 'the report (FFP) was noted', 'Appendix A (2024) is attached.', 'Families First (see below) continues.', 'Families First (A) continues.']) {
        assert.deepEqual(ourScopes(line(text)), [], text);
      }
    });
  });

  describe('ordinary text, front matter and code stay Markdown', () => {
    test('a plain paragraph has only the Markdown paragraph scope', () => {
      const tokens = line('There are no direct financial implications arising from this report.');
      assert.deepEqual(
        tokens.map((t) => t.scopes),
        [[SCOPE, 'meta.paragraph.markdown']],
      );
    });

    test('front matter is YAML: no sign-off, date or paragraph scopes inside it', () => {
      const lines = tokenize('---\ntemplate: leicester-city/executive\nmeeting_date: 3 March 2026\nSigned: not a sign-off\n4.1 x\n---\n\n# Title');
      assert.equal(leaf(lines[0]!, '---'), 'punctuation.definition.begin.frontmatter');
      // (The YAML grammar splits a key's first character into its own token.)
      const key = lines[1]!.slice(0, lines[1]!.findIndex((t) => t.text === ':'));
      assert.equal(key.map((t) => t.text).join(''), 'template');
      for (const t of key) assert.deepEqual(t.scopes.slice(1), ['meta.embedded.block.frontmatter', 'string.unquoted.plain.out.yaml', 'entity.name.tag.yaml']);
      for (const t of lines[2]!.slice(-2)) assert.ok(t.scopes.includes('string.unquoted.plain.out.yaml'), t.text);
      for (const l of lines.slice(0, 6)) assert.deepEqual(ourScopes(l), []);
      assert.equal(leaf(lines[5]!, '---'), 'punctuation.definition.end.frontmatter');
      assert.ok(lines[7]!.some((t) => t.scopes.includes('markup.heading.markdown')));
    });

    test('fenced code is Markdown fenced code: nothing of ours inside', () => {
      const lines = tokenize('```\nSigned: Someone, Role\n4.1 Paragraph\nDated: 3 February 2026\n```\n\nSigned: After, Code');
      assert.ok(lines[0]!.some((t) => t.scopes.includes('markup.fenced_code.block.markdown')));
      for (const l of lines.slice(1, 4)) {
        assert.deepEqual(ourScopes(l), []);
        assert.ok(l.every((t) => t.scopes.includes('markup.fenced_code.block.markdown')));
      }
      assert.equal(leaf(lines[6]!, 'Signed'), 'keyword.other.signoff.committee-report');
    });

    test('inline code and links are left alone', () => {
      assert.deepEqual(ourScopes(line('Use `3 February 2026` and `Care Quality Commission (CQC)` as written.')), []);
      assert.deepEqual(ourScopes(line('See [Care Quality Commission (CQC) report, 3 March 2026](https://example.org/2026-03-03).')), []);
    });
  });
});
