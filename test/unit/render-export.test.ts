import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportCommand } from '../../server/src/cli/export.js';
import { checkReport } from '../../server/src/core/check.js';
import { contentSecurityPolicy, previewPage, PREVIEW_SCRIPT } from '../../client/src/preview/page.js';
import { renderPreview, renderReadiness, errorsIn } from '../../server/src/node/render.js';
import { docxParagraphs, readExample, repo } from '../browser/render-fixtures.js';
import { tempDir } from '../temp-dirs.js';

/** Runs `committee-report export …` in-process, capturing its output. */
async function run(args: string[], cwd = repo): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await exportCommand(args, cwd, { stdout: { write: (s: string) => (out += s) }, stderr: { write: (s: string) => (err += s) } });
  return { code, out, err };
}

const tmp = (): string => tempDir('committee-report-export-');

test('export --format docx writes a Word document of a clean report', async () => {
  const dir = tmp();
  const output = join(dir, 'out.docx');
  const r = await run(['examples/leicester-city-executive.report.md', '--format', 'docx', '--output', output, '--today', '2026-02-20']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Exported examples\/leicester-city-executive\.report\.md to .*out\.docx \(Word, leicester-city\/executive\)\.$/m);
  const bytes = readFileSync(output);
  assert.equal(bytes.subarray(0, 2).toString(), 'PK');
  const texts = (await docxParagraphs(bytes)).map((p) => p.text);
  assert.equal(texts[0], 'Families First Partnership Programme');
  assert.ok(texts.includes('Useful information'));
});

test('export --format html writes a standalone page with a strict policy and no script', async () => {
  const dir = tmp();
  const output = join(dir, 'report.html');
  const r = await run(['examples/leicestershire-county-committee.report.md', '--output', output]);
  assert.equal(r.code, 0, r.err);
  const html = readFileSync(output, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-[A-Za-z0-9_-]+'; img-src 'self' data:; base-uri 'none'; form-action 'none'">/);
  assert.doesNotMatch(html, /<script/);
  assert.match(html, /REPORT OF THE DIRECTOR OF CHILDREN AND FAMILY SERVICES/);
  assert.match(html, /@media print/);
});

test('a report with errors is not exported without --force (exit 1), and is with it', async () => {
  const dir = tmp();
  const output = join(dir, 'mistakes.docx');
  let r = await run(['examples/typical-mistakes.report.md', '--format', 'docx', '--output', output, '--today', '2026-02-20']);
  assert.equal(r.code, 1);
  assert.equal(existsSync(output), false);
  const text = readExample('examples/typical-mistakes.report.md');
  const n = checkReport(text, { today: '2026-02-20' }).findings.filter((f) => f.severity === 'error').length;
  assert.ok(n > 1);
  assert.match(r.err, new RegExp(`has ${n} errors; not exported\\.`));
  const gap = text.split('\n').findIndex((l) => l.startsWith('1.3 ')) + 1;
  assert.match(r.err, new RegExp(`typical-mistakes\\.report\\.md:${gap}:1 {2}numbering/gap`));
  assert.match(r.err, /--force/);
  r = await run(['examples/typical-mistakes.report.md', '--format', 'docx', '--output', output, '--force', '--today', '2026-02-20']);
  assert.equal(r.code, 0);
  assert.match(r.err, new RegExp(`warning: exporting .* with ${n} errors \\(--force\\)`));
  assert.ok(existsSync(output));
});

test('default output: beside the report, extension from the format', async () => {
  const dir = tmp();
  const file = join(dir, 'draft.report.md');
  writeFileSync(file, readExample('examples/leicester-city-scrutiny.report.md'));
  const r = await run(['draft.report.md', '--format', 'html'], dir);
  assert.equal(r.code, 0, r.err);
  assert.ok(existsSync(join(dir, 'draft.html')));
  const r2 = await run(['draft.report.md', '--format', 'docx'], dir);
  assert.equal(r2.code, 0, r2.err);
  assert.ok(existsSync(join(dir, 'draft.docx')));
});

test('usage errors exit 2', async () => {
  assert.equal((await run([])).code, 2);
  assert.equal((await run(['a.report.md', 'b.report.md'])).code, 2);
  assert.equal((await run(['examples/leicester-city-executive.report.md', '--format', 'pdf'])).code, 2);
  assert.equal((await run(['examples/leicester-city-executive.report.md', '--bogus'])).code, 2);
  const missing = await run(['no-such.report.md', '--format', 'html']);
  assert.equal(missing.code, 2);
  assert.match(missing.err, /no such file: no-such\.report\.md/);
  const help = await run(['--help']);
  assert.equal(help.code, 0);
  assert.match(help.out, /committee-report export FILE --format docx\|html \[--output PATH\] \[--force\]/);
});

test('preview page: strict CSP with a nonce, one script, sanitised report and panel', () => {
  const text = readExample('examples/typical-mistakes.report.md');
  const { doc, html } = renderPreview({ text });
  const problems = errorsIn({ text });
  const ready = renderReadiness(doc, problems);
  assert.equal(ready.errors, problems.length);
  assert.match(ready.summary, /errors? — not ready to submit/);
  const page = previewPage({ cspSource: 'https://webview.example', nonce: 'abc123', body: html, readiness: ready.html, summary: ready.summary, title: doc.title, uri: 'file:///x.report.md' });
  const csp = contentSecurityPolicy('https://webview.example', 'abc123');
  assert.match(csp, /^default-src 'none'; /);
  assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval|https?:(?!\/\/webview\.example)|\*/);
  assert.ok(page.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`));
  assert.equal((page.match(/<script/g) ?? []).length, 1);
  assert.ok(page.includes(`<script nonce="abc123">${PREVIEW_SCRIPT}</script>`));
  assert.match(page, /<button type="button" class="cr-ready-link"/);
});

test('images stay inside the report folder: exported HTML and the preview drop absolute, outside and URL images, and a stray % does not throw', async () => {
  const text = readExample('examples/leicester-city-executive.report.md').replace(
    /\n## 2\. /,
    '\n![chart](charts/100%.png) ![host](/etc/hostname) ![up](../../secret.png) ![win](..\\\\..\\\\x.png) ![enc](%2e%2e/%2e%2e/y.png) ![web](https://example.com/a.png) ![ok](./img/a%20b.png) ![in](img/../c.png)\n\n## 2. ',
  );
  const { renderStandaloneHtml, buildDocument } = await import('../../server/src/core/render/index.js');
  const { analyseReport } = await import('../../server/src/core/check.js');
  const page = renderStandaloneHtml(buildDocument(analyseReport(text)));
  const srcs = [...page.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(srcs, ['charts/100%25.png', 'img/a%20b.png', 'c.png']);
  for (const alt of ['[host]', '[up]', '[win]', '[enc]', '[web]']) assert.ok(page.includes(alt), alt);
  const { previewFor } = await import('../../server/src/node/render.js');
  const r = previewFor({ key: 'k', text, problems: [], imageBase: 'https://file+.vscode-resource.vscode-cdn.net/work/reports/' });
  const psrcs = [...r.html!.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(psrcs, ['https://file+.vscode-resource.vscode-cdn.net/work/reports/charts/100%25.png', 'https://file+.vscode-resource.vscode-cdn.net/work/reports/img/a%20b.png', 'https://file+.vscode-resource.vscode-cdn.net/work/reports/c.png']);
  // The readiness panel alone re-uses the kept render.
  const again = previewFor({ key: 'k', text, problems: [], imageBase: 'https://file+.vscode-resource.vscode-cdn.net/work/reports/', readinessOnly: true });
  assert.equal(again.html, undefined);
  assert.match(again.summary, /Ready to submit/);
});
