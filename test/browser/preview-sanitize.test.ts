/**
 * The preview page in a real browser (headless Chromium): a draft full of script-injection
 * attempts renders with no script running, no event handler or javascript: URL in the DOM,
 * nothing fetched, and no Content-Security-Policy violation (nothing even tried). Control
 * pages prove the checks would catch a script that did run.
 *
 *   node --import tsx --test test/browser/*.test.ts
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import { previewPage, PREVIEW_SCRIPT } from '../../client/src/preview/page.js';
import { renderPreview, renderReadiness } from '../../server/src/node/render.js';
import { makeNonce } from '../../server/src/core/render/index.js';
import { HOSTILE_DRAFT } from './render-fixtures.js';
import { chromiumMissing, launchChromium, until } from './chromium.js';

const skip = chromiumMissing();
if (skip) console.log(`# SKIP browser tests: ${skip}`);

/** What the page's environment saw: messages to the extension, dialogs, CSP reports, requests. */
interface Seen {
  messages: { type: string; [k: string]: unknown }[];
  links: string[];
  pwned: unknown;
  violations: string[];
}

const CSP_SOURCE = 'https://webview.invalid';
const PAGE_URL = 'https://preview.invalid/index.html';

/** A stand-in for VS Code's webview host: `acquireVsCodeApi`, and a record of what happened. */
const HOST_STUB = `
  window.__seen = { messages: [], violations: [], links: [] };
  // Like VS Code's webview host, links do not navigate the page: the host opens them.
  document.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest('a[href]') : null;
    if (a) { e.preventDefault(); window.__seen.links.push(a.getAttribute('href')); }
  }, true);
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__seen.messages.push(m),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
  document.addEventListener('securitypolicyviolation', (e) => window.__seen.violations.push(e.violatedDirective + ' ' + e.blockedURI));
`;

async function open(browser: Browser, html: string): Promise<{ page: Page; requests: string[]; dialogs: string[] }> {
  const page = await browser.newPage();
  const requests: string[] = [];
  const dialogs: string[] = [];
  // The page is served from a made-up origin (so init scripts run as in a real load);
  // every other request is recorded and refused.
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === PAGE_URL) return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    requests.push(url);
    return route.abort();
  });
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(HOST_STUB);
  await page.goto(PAGE_URL, { waitUntil: 'load' });
  return { page, requests, dialogs };
}

async function seen(page: Page): Promise<Seen> {
  // In-page code is passed as text: this project's TypeScript has no DOM types.
  return page.evaluate<Seen>('({ messages: window.__seen.messages, violations: window.__seen.violations, links: window.__seen.links, pwned: window.__pwned })');
}

/** Tries every way a person could set off a handler: click, double-click and hover everything. */
async function poke(page: Page): Promise<void> {
  await page.evaluate(`
    for (const el of document.querySelectorAll('#cr-content *'))
      for (const type of ['mouseover', 'mouseenter', 'focus', 'dblclick']) el.dispatchEvent(new Event(type, { bubbles: true }));
  `);
  for (const a of await page.locator('#cr-content a').all()) await a.click({ timeout: 2000 }).catch(() => undefined);
  await page.waitForTimeout(200);
}

/** Markup in the live DOM that could run script. */
async function dangerousMarkup(page: Page): Promise<string[]> {
  return page.evaluate<string[]>(`(() => {
    const bad = [];
    for (const el of document.querySelectorAll('*')) {
      if (el.tagName === 'SCRIPT' && !el.nonce) bad.push('script without nonce');
      if (['IFRAME', 'OBJECT', 'EMBED', 'SVG', 'FORM', 'BASE'].includes(el.tagName.toUpperCase())) bad.push('<' + el.tagName + '>');
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) bad.push(el.tagName + ' ' + a.name);
        if (/^\\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(el.tagName + ' ' + a.name + '=' + a.value);
      }
    }
    return bad;
  })()`);
}

describe('preview in headless Chromium: untrusted drafts run no script', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  function hostilePage(): { html: string; body: string; readiness: string } {
    const { doc, html } = renderPreview({ text: HOSTILE_DRAFT });
    const ready = renderReadiness(doc, [
      { severity: 'error', message: `<img src=x onerror="window.__pwned='panel'"> in "javascript:window.__pwned='panel-link'"`, ruleId: 'x/y', range: { start: { line: 16, character: 0 }, end: { line: 16, character: 3 } } },
    ]);
    const page = previewPage({ cspSource: CSP_SOURCE, nonce: makeNonce(), body: html, readiness: ready.html, summary: ready.summary, title: doc.title, version: 1, uri: 'file:///w/hostile.report.md' });
    return { html: page, body: html, readiness: ready.html };
  }

  test('the preview HTML has no <script> but ours, no on* attribute and no javascript: URL', () => {
    const { html } = hostilePage();
    const scripts = [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]);
    assert.deepEqual(scripts.length, 1);
    assert.match(scripts[0]!, /^<script nonce="[A-Za-z0-9_-]{16,}">$/);
    const withoutOurScript = html.replace(PREVIEW_SCRIPT, '');
    for (const [tag, , attrs] of withoutOurScript.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)) {
      assert.doesNotMatch(attrs!, /(^|\s)on[a-z]+\s*=/i, tag);
      assert.doesNotMatch(attrs!, /javascript:/i, tag);
    }
  });

  test('loaded, updated in place and clicked: no script ran, nothing fetched, no policy violation', async () => {
    const { html, body, readiness } = hostilePage();
    const { page, requests, dialogs } = await open(browser, html);
    await poke(page);
    // The live-update path (innerHTML) with the same hostile content.
    await page.evaluate(`window.postMessage(${JSON.stringify({ type: 'update', version: 2, html: body, readiness, summary: 'x', errors: 1 })}, '*')`);
    await until(page, `window.__seen.messages.some((m) => m.type === 'rendered' && m.version === 2)`);
    await poke(page);
    await page.locator('.cr-ready-link').first().click();
    const s = await seen(page);
    assert.equal(s.pwned, undefined, 'no injected script ran');
    assert.deepEqual(dialogs, []);
    assert.deepEqual(requests, [], 'nothing was fetched');
    assert.deepEqual(s.violations, [], 'nothing even tried to break the policy');
    assert.deepEqual(await dangerousMarkup(page), []);
    // The only links left to follow are the safe ones.
    assert.deepEqual([...new Set(s.links)].sort(), ['https://www.leicester.gov.uk/', 'mailto:a@b.uk']);
    // Our script did run: it reported the render and the click on the problem.
    assert.ok(s.messages.some((m) => m.type === 'ready'));
    assert.ok(s.messages.some((m) => m.type === 'reveal' && m.line === 16 && m.endCharacter === 3));
    const text = await page.locator('#cr-content').innerText();
    assert.match(text, /safe link/);
    await page.close();
  });

  test('control: the same checks catch a script that does run (no sanitiser, no policy)', async () => {
    const { page } = await open(browser, `<!DOCTYPE html><html><body><main id="cr-content"><img src="x:" onerror="window.__pwned='control'"><a href="javascript:window.__pwned='link'">x</a></main></body></html>`);
    await until(page, `window.__pwned === 'control'`);
    assert.ok((await dangerousMarkup(page)).length >= 2);
    await page.close();
  });

  test('defence in depth: with our policy, even unsanitised handlers and inline scripts are blocked', async () => {
    const nonce = makeNonce();
    const page0 = previewPage({ cspSource: CSP_SOURCE, nonce, body: '', readiness: '', title: 'x' });
    const unsafe = page0.replace('<main id="cr-content"></main>', `<main id="cr-content"><img src="data:," onerror="window.__pwned='csp-img'"><script>window.__pwned='csp-inline'</script></main>`);
    const { page } = await open(browser, unsafe);
    await page.evaluate(`document.getElementById('cr-content').insertAdjacentHTML('beforeend', '<img src="data:," onerror="window.__pwned=1">')`);
    await until(page, `window.__seen.violations.length >= 2`);
    const s = await seen(page);
    assert.equal(s.pwned, undefined);
    assert.ok(s.violations.every((v) => v.startsWith('script-src')), s.violations.join(', '));
    // …while our own nonce'd script ran.
    assert.ok(s.messages.some((m) => m.type === 'ready'));
    await page.close();
  });
});
