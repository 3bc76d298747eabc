/**
 * The preview script in headless Chromium: it scrolls to the editor's line, reports the line
 * at the top when the officer scrolls it, keeps its place when the report is re-rendered, and
 * sends a problem's range back when it is clicked.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { previewPage } from '../../client/src/preview/page.js';
import { renderPreview, renderReadiness, errorsIn } from '../../server/src/node/render.js';
import { makeNonce } from '../../server/src/core/render/index.js';
import { readExample } from './render-fixtures.js';
import { chromiumMissing, launchChromium, until } from './chromium.js';

const skip = chromiumMissing();
if (skip) console.log(`# SKIP browser tests: ${skip}`);

const PAGE_URL = 'https://preview.invalid/index.html';
const HOST_STUB = `
  window.__messages = [];
  window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__messages.push(m), getState: () => undefined, setState: () => {} });
`;

type Message = { type: string; line?: number; scrollY?: number; version?: number };

describe('preview script in headless Chromium: scroll sync and live updates', { skip }, () => {
  let browser: Browser;
  let page: Page;
  const text = readExample('examples/typical-mistakes.report.md');
  const lines = text.split('\n');
  const lineOf = (s: string): number => lines.findIndex((l) => l.startsWith(s));
  const { doc, html } = renderPreview({ text });
  const ready = renderReadiness(doc, errorsIn({ text }));

  before(async () => {
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 900, height: 500 } });
    const body = previewPage({ cspSource: 'https://webview.invalid', nonce: makeNonce(), body: html, readiness: ready.html, summary: ready.summary, title: doc.title, version: 1 });
    await page.route('**/*', (route) => (route.request().url() === PAGE_URL ? route.fulfill({ status: 200, contentType: 'text/html', body }) : route.abort()));
    await page.addInitScript(HOST_STUB);
    await page.goto(PAGE_URL);
  });
  after(async () => {
    await browser?.close();
  });

  const messages = (): Promise<Message[]> => page.evaluate<Message[]>('window.__messages');
  const scrollY = (): Promise<number> => page.evaluate<number>('window.scrollY');
  const topOf = (line: number): Promise<number> => page.evaluate<number>(`document.querySelector('#cr-content [data-line="${line}"]:not(section)').getBoundingClientRect().top`);

  test('follows the editor: the block at the editor\'s top line comes to the top', async () => {
    const line = lineOf('### 5.3 Equalities implications');
    assert.ok(line > 40);
    await page.evaluate(`window.postMessage({ type: 'scrollTo', line: ${line} }, '*')`);
    await until(page, `window.__messages.some((m) => m.type === 'scrolled' && m.line === ${line})`);
    assert.ok((await scrollY()) > 200);
    const top = await topOf(line);
    assert.ok(top >= 0 && top < 40, `heading at ${top}px from the top`);
  });

  test('keeps its place when the report is re-rendered', async () => {
    const y = await scrollY();
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'update', version: 2, html, readiness: ready.html, summary: ready.summary, errors: ready.errors })}, '*')`);
    await until(page, `window.__messages.some((m) => m.type === 'rendered' && m.version === 2)`);
    assert.equal(await scrollY(), y);
  });

  test('scrolled by the officer: tells the editor which line is at the top', async () => {
    const line = lineOf('## 4. Background');
    const before = (await messages()).length;
    // Well above the end of the page, so that it can come to the top.
    await page.evaluate(`window.scrollTo(0, window.scrollY + document.querySelector('#cr-content h2[data-line="${line}"]').getBoundingClientRect().top - 5)`);
    await until(page, `window.__messages.slice(${before}).some((m) => m.type === 'revealLine')`);
    const reveal = (await messages()).slice(before).filter((m) => m.type === 'revealLine').at(-1)!;
    assert.ok(Math.abs(reveal.line! - line) <= 1, `revealLine ${reveal.line}, heading on ${line}`);
  });

  test('clicking a problem sends its range to the editor', async () => {
    const gap = lineOf('1.3 Demand');
    await page.locator('.cr-ready-link[data-rule="numbering/gap"]').click();
    const m = (await messages()).filter((x) => x.type === 'reveal').at(-1) as Message & { character: number; endLine: number };
    assert.equal(m.line, gap);
    assert.equal(m.character, 0);
    assert.equal(m.endLine, gap);
  });
});
