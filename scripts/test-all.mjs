// `npm test`: installs what the suites need (scripts/test-setup.sh), then every check and
// every test suite, in order, then one closing line `N passed, N failed, N skipped` (tests
// counted from each runner's own summary; a failing non-test step such as lint counts as
// one failure). Exit 1 if anything failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const only = process.argv.slice(2);

/** kind: 'check' (pass/fail), 'node' (node:test summary), 'mocha' (mocha summary). */
const steps = [
  { name: 'install test dependencies', kind: 'check', cmd: 'bash', args: ['scripts/test-setup.sh'] },
  { name: 'typecheck', kind: 'check', cmd: 'npx', args: ['tsc', '-p', 'tsconfig.json', '--noEmit'] },
  { name: 'lint', kind: 'check', cmd: 'npx', args: ['eslint', '.'] },
  { name: 'generated files up to date', kind: 'check', cmd: 'npm', args: ['run', '-s', 'generate:check'] },
  { name: 'build', kind: 'check', cmd: 'npm', args: ['run', '-s', 'build'] },
  { name: 'unit tests', kind: 'node', cmd: 'npm', args: ['run', '-s', 'test:unit'] },
  { name: 'browser and Word export tests', kind: 'node', cmd: 'npm', args: ['run', '-s', 'test:browser'], script: 'test:browser' },
  { name: 'language server tests', kind: 'node', cmd: 'npm', args: ['run', '-s', 'test:lsp'], script: 'test:lsp' },
  { name: 'VS Code integration tests', kind: 'mocha', cmd: 'npm', args: ['run', '-s', 'test:e2e'], script: 'test:e2e' },
].filter((s) => !s.script || pkg.scripts?.[s.script]).filter((s) => only.length === 0 || only.some((o) => s.name.includes(o)));

// The node test suites get a temporary folder of their own: whatever they leave in it was
// not cleaned up (a test's temp folder, a converter's scratch file) and fails the run.
const testTmp = mkdtempSync(join(tmpdir(), 'committee-report-tests-'));

function runStep(step) {
  return new Promise((resolve) => {
    const env = step.kind === 'node' ? { ...process.env, TMPDIR: testTmp } : process.env;
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    const onData = (d) => {
      const s = d.toString();
      out += s;
      process.stdout.write(s);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

function lastNumber(out, re) {
  const all = [...out.matchAll(re)];
  return all.length ? Number(all[all.length - 1][1]) : undefined;
}

let passed = 0;
let failed = 0;
let skipped = 0;
const summary = [];
for (const step of steps) {
  process.stdout.write(`\n=== ${step.name}\n`);
  const { code, out } = await runStep(step);
  let p = 0;
  let f = 0;
  let s = 0;
  if (step.kind === 'node') {
    p = lastNumber(out, /^# pass (\d+)/gm) ?? 0;
    f = lastNumber(out, /^# fail (\d+)/gm) ?? 0;
    s = (lastNumber(out, /^# skipped (\d+)/gm) ?? 0) + (lastNumber(out, /^# todo (\d+)/gm) ?? 0);
  } else if (step.kind === 'mocha') {
    p = lastNumber(out, /^\s*(\d+) passing/gm) ?? 0;
    f = lastNumber(out, /^\s*(\d+) failing/gm) ?? 0;
    s = lastNumber(out, /^\s*(\d+) pending/gm) ?? 0;
  } else {
    p = code === 0 ? 1 : 0;
  }
  // A runner that died or exited non-zero without counting a failure still failed.
  if (code !== 0 && f === 0) f = 1;
  passed += p;
  failed += f;
  skipped += s;
  // Why a suite skipped is printed by the suite itself as `# SKIP ...`: repeat it here.
  const reasons = [...new Set([...out.matchAll(/^# SKIP (.+)$/gm)].map((m) => m[1]))];
  summary.push(`${step.name}: ${p} passed, ${f} failed, ${s} skipped${code !== 0 ? ` (exit ${code})` : ''}${reasons.map((r) => `\n  skipped: ${r}`).join('')}`);
}
// tsx keeps its compile cache in tsx-<uid>: a cache by design, not a leak.
const left = readdirSync(testTmp).filter((f) => !/^tsx-\d+$/.test(f));
rmSync(testTmp, { recursive: true, force: true });
if (steps.some((s) => s.kind === 'node')) {
  if (left.length) failed += 1;
  else passed += 1;
  summary.push(`temporary files removed by the tests: ${left.length ? `1 failed: left behind ${left.slice(0, 10).join(', ')}${left.length > 10 ? ` and ${left.length - 10} more` : ''}` : '1 passed'}`);
}
process.stdout.write(`\n${summary.join('\n')}\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
