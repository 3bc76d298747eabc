/**
 * The preview webview's page: a fixed shell (Content-Security-Policy with a nonce, the
 * council stylesheet, the readiness panel, the preview script) whose report and panel are
 * replaced by messages as the officer types. No `vscode` import: the browser test loads
 * exactly this page in headless Chromium.
 */
import { REPORT_CSS } from '../../../server/src/core/render/styles.js';
import { escapeHtml } from '../../../server/src/core/render/escape.js';

export interface PageOptions {
  /** `webview.cspSource`: the origin of the extension's and workspace's local resources. */
  cspSource: string;
  nonce: string;
  /** Sanitised report HTML (from `renderHtml`). */
  body: string;
  /** Sanitised readiness panel HTML (from `renderReadinessHtml`). */
  readiness: string;
  title: string;
}

/** Strict policy: our one script by nonce, our style by nonce, images only from local resources. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export const PREVIEW_CSS = `
html, body { margin: 0; padding: 0; }
body { background: var(--vscode-editorWidget-background, #e9e9e9); color: var(--vscode-foreground, #222);
  font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
.cr-panel { max-width: 50rem; margin: 0.75rem auto 0; border: 1px solid var(--vscode-panel-border, #bbb);
  background: var(--vscode-editor-background, #fff); border-radius: 4px; }
.cr-panel > summary { cursor: pointer; padding: 0.4rem 0.75rem; font-weight: 600; }
.cr-panel-body { padding: 0 0.75rem 0.5rem; max-height: 40vh; overflow-y: auto; }
.cr-readiness .cr-ready-summary { display: none; }
.cr-ready-section { margin: 0.5rem 0 0.2rem; font-weight: 600; cursor: pointer; }
.cr-ready-list { list-style: none; margin: 0; padding: 0; }
.cr-ready-link { display: block; width: 100%; text-align: left; background: none; border: 0; padding: 0.15rem 0.25rem;
  color: inherit; font: inherit; cursor: pointer; border-radius: 3px; }
.cr-ready-link:hover, .cr-ready-link:focus { background: var(--vscode-list-hoverBackground, #eee); outline: none; }
.cr-sev { display: inline-block; min-width: 4.2em; font-size: 0.85em; text-transform: uppercase; font-weight: 600; }
.cr-sev-error .cr-sev { color: var(--vscode-errorForeground, #b00020); }
.cr-sev-warning .cr-sev { color: var(--vscode-editorWarning-foreground, #a66a00); }
.cr-sev-info .cr-sev { color: var(--vscode-editorInfo-foreground, #1a73c8); }
.cr-ready-none { margin: 0.3rem 0; }
.cr-report [data-line].cr-flash { outline: 2px solid #f0b400; outline-offset: 2px; }
`;

/**
 * The script inside the webview (plain ES2020, no imports). Messages in:
 * `update {html, readiness, summary, version}`, `scrollTo {line}`. Messages out:
 * `rendered {version, text, problems, panel}`, `scrolled {line, scrollY}` (followed the editor),
 * `revealLine {line}` (the officer scrolled the preview), `reveal {line, character,
 * endLine, endCharacter}` (a problem or a double-clicked block). The report and panel are
 * replaced in place, so the scroll position stays where the officer left it.
 */
export const PREVIEW_SCRIPT = String.raw`(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const content = document.getElementById('cr-content');
  const panel = document.getElementById('cr-panel');
  const panelBody = document.getElementById('cr-panel-body');
  const panelSummary = document.getElementById('cr-panel-summary');
  let state = vscode.getState() || {};
  // Where our own scrolling (following the editor, restoring) left the page: a scroll event
  // that finds the page there is ours, not the officer's, and is not sent back.
  let programmaticY = -1;
  let lastPosted = -1;
  let scrollTimer = 0;

  function save(patch) {
    state = Object.assign({}, state, patch);
    vscode.setState(state);
  }

  function entries() {
    const out = [];
    const nodes = content.querySelectorAll('[data-line]');
    for (let i = 0; i < nodes.length; i++) {
      const el = nodes[i];
      if (el.tagName === 'SECTION' || el.tagName === 'ARTICLE') continue;
      const line = Number(el.getAttribute('data-line'));
      if (!Number.isFinite(line)) continue;
      const end = Number(el.getAttribute('data-end-line'));
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      out.push({ el: el, line: line, end: Number.isFinite(end) ? Math.max(end, line) : line, top: r.top + window.scrollY, height: r.height });
    }
    return out;
  }

  function scrollToLine(line) {
    const es = entries().sort(function (a, b) { return a.line - b.line || a.top - b.top; });
    if (es.length === 0) return;
    let prev = null;
    let next = null;
    for (const e of es) {
      if (e.line <= line) prev = e;
      else { next = e; break; }
    }
    let y;
    if (!prev) y = 0;
    else if (line <= prev.end) y = prev.top + (prev.height * (line - prev.line)) / (prev.end - prev.line + 1);
    else if (next) y = prev.top + prev.height + ((next.top - prev.top - prev.height) * (line - prev.end)) / Math.max(1, next.line - prev.end);
    else y = prev.top + prev.height;
    scrollPage(Math.max(0, y - 10));
    save({ scrollY: window.scrollY });
    vscode.postMessage({ type: 'scrolled', line: line, scrollY: window.scrollY });
  }

  function lineAtTop() {
    const y = window.scrollY + 10;
    const es = entries().sort(function (a, b) { return a.top - b.top || a.line - b.line; });
    let cur = null;
    let next = null;
    for (const e of es) {
      if (e.top <= y) cur = e;
      else { next = e; break; }
    }
    if (!cur) return es.length ? es[0].line : 0;
    if (y <= cur.top + cur.height) return cur.line + Math.floor(((y - cur.top) / Math.max(1, cur.height)) * (cur.end - cur.line + 1));
    if (next && next.line > cur.end) return cur.end + Math.floor(((y - cur.top - cur.height) / Math.max(1, next.top - cur.top - cur.height)) * (next.line - cur.end));
    return cur.end;
  }

  function scrollPage(y) {
    window.scrollTo(0, y);
    programmaticY = window.scrollY;
  }

  window.addEventListener('scroll', function () {
    save({ scrollY: window.scrollY });
    if (scrollTimer) return;
    scrollTimer = setTimeout(function () {
      scrollTimer = 0;
      if (window.scrollY === programmaticY) return;
      programmaticY = -1;
      const line = lineAtTop();
      if (line !== lastPosted) {
        lastPosted = line;
        vscode.postMessage({ type: 'revealLine', line: line });
      }
    }, 50);
  }, { passive: true });

  function num(el, name) {
    const v = Number(el.getAttribute(name));
    return Number.isFinite(v) ? v : 0;
  }

  panelBody.addEventListener('click', function (ev) {
    const t = ev.target instanceof Element ? ev.target : null;
    const link = t && t.closest('.cr-ready-link');
    if (link) {
      vscode.postMessage({ type: 'reveal', line: num(link, 'data-line'), character: num(link, 'data-character'),
        endLine: num(link, 'data-end-line'), endCharacter: num(link, 'data-end-character') });
      return;
    }
    const section = t && t.closest('.cr-ready-section');
    if (section) {
      const line = num(section, 'data-line');
      scrollToLine(line);
      vscode.postMessage({ type: 'reveal', line: line, character: 0, endLine: line, endCharacter: 0 });
    }
  });

  content.addEventListener('dblclick', function (ev) {
    const t = ev.target instanceof Element ? ev.target.closest('[data-line]') : null;
    if (!t) return;
    const line = num(t, 'data-line');
    vscode.postMessage({ type: 'reveal', line: line, character: 0, endLine: line, endCharacter: 0 });
  });

  function rendered(version) {
    vscode.postMessage({ type: 'rendered', version: version, text: (content.textContent || '').slice(0, 200000),
      problems: panelBody.querySelectorAll('.cr-ready-link').length, panel: (panelBody.textContent || '').slice(0, 50000) });
  }

  window.addEventListener('message', function (ev) {
    const m = ev.data;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'update') {
      const y = window.scrollY;
      if (typeof m.html === 'string') content.innerHTML = m.html;
      if (typeof m.readiness === 'string') panelBody.innerHTML = m.readiness;
      if (typeof m.summary === 'string') panelSummary.textContent = m.summary;
      if (typeof m.errors === 'number') panel.classList.toggle('cr-has-errors', m.errors > 0);
      // Same content height or more: the browser keeps the place; make sure of it.
      if (window.scrollY !== y) scrollPage(y);
      save({ version: m.version });
      rendered(m.version);
    } else if (m.type === 'scrollTo' && typeof m.line === 'number') {
      scrollToLine(m.line);
    }
  });

  // The document this preview shows, for restoring the panel after a reload.
  save({ uri: document.body.getAttribute('data-uri') || state.uri || '' });
  if (typeof state.scrollY === 'number') scrollPage(state.scrollY);
  vscode.postMessage({ type: 'ready' });
  rendered(Number(document.body.getAttribute('data-version') || 0));
})();`;

/** The whole page. `body` and `readiness` must already be sanitised (they are, from the core). */
export function previewPage(o: PageOptions & { version?: number; summary?: string; errors?: number; uri?: string }): string {
  const csp = contentSecurityPolicy(o.cspSource, o.nonce);
  return [
    '<!DOCTYPE html>',
    '<html lang="en-GB">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(o.title)}</title>`,
    `<style nonce="${o.nonce}">${REPORT_CSS}${PREVIEW_CSS}</style>`,
    '</head>',
    `<body data-version="${o.version ?? 0}" data-uri="${escapeHtml(o.uri ?? '')}">`,
    `<details id="cr-panel" class="cr-panel${(o.errors ?? 0) > 0 ? ' cr-has-errors' : ''}" open>`,
    `<summary id="cr-panel-summary">${escapeHtml(o.summary ?? 'Readiness')}</summary>`,
    `<div id="cr-panel-body" class="cr-panel-body">${o.readiness}</div>`,
    '</details>',
    `<main id="cr-content">${o.body}</main>`,
    `<script nonce="${o.nonce}">${PREVIEW_SCRIPT}</script>`,
    '</body>',
    '</html>',
  ].join('\n');
}
