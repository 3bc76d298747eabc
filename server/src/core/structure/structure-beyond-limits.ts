import { defineRule } from '../rules/define.js';
import { findParseLimits, MAX_EMPHASIS_RUNS, MAX_NESTING_COLUMNS, MAX_TABLE_CELLS } from '../limits.js';

/** Above this size a draft is not checked at all (one finding says so). */
export const MAX_REPORT_CHARS = 10_000_000;

/**
 * `10,000,000`, as `toLocaleString('en-GB')` writes it, without Intl: this text is built
 * when the rules' module loads, and Intl's first use costs a checking thread ~15 ms of
 * its start.
 */
export function withCommas(n: number): string {
  const digits = String(n);
  let out = '';
  for (let i = 0; i < digits.length; i++) out += (i > 0 && (digits.length - i) % 3 === 0 ? ',' : '') + digits[i];
  return out;
}

export const beyondLimits = defineRule({
  id: 'structure/beyond-limits',
  title: 'Part of the draft is beyond what the checker reads',
  defaultSeverity: 'warning',
  fixable: false,
  needsProfile: false,
  docs: {
    why: `The checker keeps to limits so that every draft is checked in time proportional to its length: lists and quotes are read only to ${MAX_NESTING_COLUMNS} columns of markers (about 50 levels; deeper markers are read as plain text), a table of more than ${MAX_TABLE_CELLS} cells is read as plain text, a paragraph reads at most ${MAX_EMPHASIS_RUNS} runs of emphasis markers (\`*\`, \`_\`, \`~\`; later ones are read as plain text), and a draft of more than ${withCommas(MAX_REPORT_CHARS)} characters is not checked. What a limit changed is not checked as a list, quote, table or emphasis: split the table or the paragraph, or flatten the nesting.`,
    bad: '> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > Quoted fifty-one times',
    good: '> Quoted once',
  },
  check(ctx) {
    const { model } = ctx;
    for (const limit of model.session?.parseLimits?.() ?? findParseLimits(model.text)) {
      const message =
        limit.kind === 'table'
          ? `This table has about ${limit.size} cells, more than the ${MAX_TABLE_CELLS} the checker reads as a table: it is read as plain text. Split it into smaller tables.`
          : limit.kind === 'emphasis'
            ? `This paragraph has ${limit.size} runs of emphasis markers (*, _ or ~), more than the ${MAX_EMPHASIS_RUNS} the checker reads: from this line on they are read as plain text. Split the paragraph or remove the markers.`
            : `This line nests lists or quotes ${limit.size} columns deep, past the ${MAX_NESTING_COLUMNS} the checker reads: the markers past the limit are read as plain text.`;
      const end = limit.kind === 'table' ? model.text.indexOf('\n', limit.start) : limit.end;
      ctx.report({ message, range: model.index.range(limit.start, end === -1 ? model.text.length : end) });
    }
  },
});
