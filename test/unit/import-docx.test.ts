import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseReport } from '../../server/src/core/check.js';
import { buildDocument, renderDocx } from '../../server/src/core/render/index.js';
import { BUILTIN_PROFILES } from '../../server/src/core/templates/loader.js';
import { importDocx } from '../../server/src/node/import/index.js';
import { summary } from './import-summary.js';

const repo = join(import.meta.dirname, '..', '..');

async function roundTrip(file: string): Promise<{ before: string; after: string }> {
  const before = readFileSync(join(repo, 'examples', file), 'utf8');
  const bytes = await renderDocx(buildDocument(analyseReport(before)));
  const r = await importDocx(bytes, { profiles: [...BUILTIN_PROFILES] });
  return { before, after: r.markdown };
}

describe('round trip: example → Word (export) → draft (import)', () => {
  for (const file of ['leicester-city-executive.report.md', 'leicester-city-scrutiny.report.md', 'leicestershire-county-committee.report.md']) {
    test(`${file} keeps its sections, numbers, sign-offs, front matter and findings`, async () => {
      const { before, after } = await roundTrip(file);
      assert.deepEqual(summary(after), summary(before));
    });
  }
});

test('round trip of the typical mistakes: the same findings, less what the Word export cannot carry', async () => {
  const { before, after } = await roundTrip('typical-mistakes.report.md');
  const a = summary(before) as Record<string, unknown>;
  const b = summary(after) as Record<string, unknown>;
  // The export prints the template's fields only, and a link to "#" as its words.
  const lost = /^\w+ (metadata\/unknown-key|link\/empty-target):/;
  assert.deepEqual(b.findings, (a.findings as string[]).filter((f) => !lost.test(f)));
  assert.deepEqual(b.frontMatter, (a.frontMatter as string[][]).filter(([k]) => k !== 'verison'));
  for (const k of ['template', 'title', 'sections', 'numbers', 'signoffs']) assert.deepEqual(b[k], a[k], k);
});
