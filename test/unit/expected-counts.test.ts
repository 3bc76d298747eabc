import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The Counts table in test/seeds/EXPECTED.md sums the lists above it; recount them so the
// table cannot drift when a finding is added to a report's list or to the Prose list.
const text = readFileSync(join(import.meta.dirname, '..', 'seeds', 'EXPECTED.md'), 'utf8');

function section(heading: RegExp): string {
  const start = text.search(heading);
  assert.ok(start >= 0, `EXPECTED.md has a section ${heading}`);
  const next = text.indexOf('\n## ', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}

test('the Counts table of EXPECTED.md equals the listed findings', () => {
  const counted = new Map<string, number[]>();
  for (const m of text.matchAll(/^## (([ck]\d)-[\w-]+\.report\.md)/gm)) {
    const body = section(new RegExp(`^## ${m[1]!.replace(/[.]/g, '\\.')}`, 'm'));
    const by = (sev: string) => [...body.matchAll(new RegExp(`^- L\\d+ ${sev}:`, 'gm'))].length;
    const [e, w, s] = [by('error'), by('warning'), by('style')];
    counted.set(m[2]!, [e, w, s, e + w + s, 0]);
  }
  assert.equal(counted.size, 13, 'the 13 seed reports');
  for (const m of section(/^## Prose/m).matchAll(/^- ([ck]\d) L\d+ prose\//gm)) counted.get(m[1]!)![4]! += 1;

  const rows = new Map<string, number[]>();
  for (const m of section(/^## Counts/m).matchAll(/^\| \**(\w+)\** \|((?: \**\d+\** \|)+)$/gm)) {
    rows.set(m[1]!, m[2]!.split('|').map((c) => c.replace(/\*/g, '').trim()).filter(Boolean).map(Number));
  }
  for (const [file, want] of counted) assert.deepEqual(rows.get(file), want, `Counts row ${file}`);
  const all = [0, 1, 2, 3, 4].map((i) => [...counted.values()].reduce((n, r) => n + r[i]!, 0));
  assert.deepEqual(rows.get('all'), all, 'Counts row all');
});
