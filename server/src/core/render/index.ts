/**
 * Rendering of a report: one layout (`buildDocument`), three writers (preview/export HTML,
 * standalone HTML, Word). Pure: no editor, protocol or file-system imports.
 */
export * from './document.js';
export { renderHtml, renderStandaloneHtml, standalonePage, toSafeHtml, markdownToSafeHtml, escapeHtml, makeNonce, type HtmlOptions } from './html.js';
export { renderDocx, docxReportBody, docxFile } from './docx.js';
export { renderPackHtml, renderPackDocx, type PackFront, type PackEntry } from './pack.js';
export { REPORT_CSS } from './styles.js';
export { localImagePath, localImageUrl } from './escape.js';
export { SANITIZE_SCHEMA, isSafeUrl, SAFE_LINK_PROTOCOLS, SAFE_IMAGE_PROTOCOLS } from './sanitize.js';
export { groupProblems, renderReadinessHtml, type Problem, type ProblemGroup } from './readiness.js';
