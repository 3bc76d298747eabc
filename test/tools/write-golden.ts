// Writes `x.fixed.md` beside each given rule fixture `x.report.md` by applying the
// first fix of every finding of the fixture's rule (the folder name), in passes. Review the diff
// before committing: the golden file is the expectation.
//   node --import tsx test/tools/write-golden.ts test/fixtures/rules/<cat>/<name>/x.report.md
import { readFileSync, writeFileSync } from 'node:fs';
import { relative, dirname, join } from 'node:path';
import { fixRule } from '../unit/helpers.js';

const root = join(import.meta.dirname, '..', 'fixtures', 'rules');
for (const file of process.argv.slice(2)) {
  const ruleId = relative(root, dirname(file)).split('\\').join('/');
  const text = readFileSync(file, 'utf8');
  const { text: fixed, remaining } = fixRule(text, ruleId);
  const out = file.replace(/\.report\.md$/, '.fixed.md');
  writeFileSync(out, fixed);
  console.log(`${out}: ${remaining.length} finding(s) of ${ruleId} left`);
}
