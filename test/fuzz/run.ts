import { parseArgs } from 'node:util';
import { corpus, fuzzOne, mutate, random } from './fuzz.js';

/** `npm run fuzz -- --count N [--seed S]`: a longer fuzz run, with figures. Exit 1 on any problem. */
const { values } = parseArgs({ options: { count: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } } });
const count = Number(values.count);
const seed = Number(values.seed);
const drafts = corpus();
const rand = random(seed);
let findings = 0;
let fixes = 0;
let chars = 0;
let slowest = { ms: 0, i: -1, length: 0 };
const problems = new Map<string, { count: number; first: number; draft: string }>();
const started = performance.now();
for (let i = 0; i < count; i++) {
  const draft = mutate(rand, drafts);
  chars += draft.length;
  const t = performance.now();
  const o = fuzzOne(draft);
  const ms = performance.now() - t;
  if (ms > slowest.ms) slowest = { ms, i, length: draft.length };
  findings += o.findings;
  fixes += o.fixes;
  for (const p of o.problems) {
    const key = `${p.kind}: ${p.detail}`;
    const seen = problems.get(key);
    if (seen) seen.count++;
    else problems.set(key, { count: 1, first: i, draft: p.draft });
  }
}
const total = (performance.now() - started) / 1000;
process.stdout.write(
  `seed ${seed}: ${count} drafts (${(chars / 1e6).toFixed(1)} M characters, from ${drafts.length} seeds and fixtures) in ${total.toFixed(0)} s\n` +
    `findings ${findings}, safe fixes applied ${fixes}\n` +
    `slowest draft #${slowest.i}: ${slowest.ms.toFixed(0)} ms for ${slowest.length} characters\n` +
    `problems ${[...problems.values()].reduce((n, p) => n + p.count, 0)} (${problems.size} kinds)\n`,
);
for (const [key, p] of problems) process.stdout.write(`  ${p.count} x ${key} (first #${p.first}: ${JSON.stringify(p.draft.slice(0, 200))})\n`);
process.exitCode = problems.size > 0 ? 1 : 0;
