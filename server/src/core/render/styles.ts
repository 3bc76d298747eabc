/**
 * The council page as CSS: one stylesheet for the preview and the HTML export (screen and
 * print). The page is paper-white whatever the editor theme, as the report will be printed.
 */
export const REPORT_CSS = `
.cr-report {
  --cr-ink: #111;
  --cr-muted: #555;
  --cr-rule: #999;
  --cr-missing: #b00020;
  box-sizing: border-box;
  max-width: 50rem;
  margin: 1.5rem auto;
  padding: 2.5rem 3rem;
  background: #fff;
  color: var(--cr-ink);
  font-family: Arial, "Liberation Sans", Helvetica, sans-serif;
  font-size: 12pt;
  line-height: 1.4;
  box-shadow: 0 1px 6px rgba(0, 0, 0, 0.25);
}
.cr-report * { box-sizing: border-box; }
.cr-report p { margin: 0 0 0.75em; }
.cr-report a { color: #0b4ea2; }
.cr-header { margin-bottom: 1.5em; }
.cr-title { font-size: 16pt; font-weight: bold; margin: 0 0 0.6em; }
.cr-header-line { font-weight: bold; }
.cr-field .cr-label { font-weight: bold; }
.cr-useful { margin-top: 1em; }
.cr-useful-heading { font-weight: bold; margin-bottom: 0.3em; }
.cr-useful-list { list-style: square; margin: 0 0 0.5em; padding-left: 1.5em; }
.cr-useful-list li { margin: 0.15em 0; }
.cr-missing, .cr-missing .cr-value { color: var(--cr-missing); font-style: italic; }
.cr-layout-county .cr-header { text-align: center; border-bottom: 1px solid var(--cr-rule); padding-bottom: 1em; }
.cr-layout-county .cr-header-line, .cr-layout-county .cr-title { font-size: 12pt; font-weight: bold; margin: 0 0 0.9em; }
.cr-heading { font-weight: bold; margin: 1.2em 0 0.6em; line-height: 1.25; }
h2.cr-heading { font-size: 13pt; }
h3.cr-heading { font-size: 12pt; }
h4.cr-heading, h5.cr-heading, h6.cr-heading { font-size: 12pt; font-style: italic; }
h1.cr-heading { font-size: 15pt; }
.cr-heading .cr-num { display: inline-block; min-width: 40pt; }
.cr-numbered { display: flex; gap: 0; margin: 0 0 0.75em; }
.cr-numbered > .cr-num { flex: 0 0 40pt; }
.cr-numbered > .cr-body { flex: 1 1 auto; min-width: 0; }
.cr-numbered > .cr-body > :last-child { margin-bottom: 0; }
.cr-list { margin: 0 0 0.75em; padding-left: 1.6em; }
.cr-table { border-collapse: collapse; margin: 0 0 1em; width: 100%; font-size: 11pt; }
.cr-table th, .cr-table td { border: 1px solid #666; padding: 0.3em 0.5em; vertical-align: top; text-align: left; }
.cr-table th { background: #e8e8e8; font-weight: bold; }
.cr-table th[align="right"], .cr-table td[align="right"] { text-align: right; }
.cr-table th[align="center"], .cr-table td[align="center"] { text-align: center; }
.cr-signoff { margin: 0.5em 0 1em; padding-left: 0.8em; border-left: 3px solid var(--cr-rule); }
.cr-report .cr-signoff-line { margin: 0.2em 0; }
.cr-signoff .cr-label { font-weight: bold; }
.cr-signoff .cr-missing .cr-value::after { content: "missing"; }
.cr-quote { margin: 0 0 0.75em; padding-left: 1em; border-left: 3px solid #ccc; color: var(--cr-muted); }
.cr-code { background: #f4f4f4; padding: 0.5em; overflow-x: auto; font-size: 10pt; }
.cr-appendix { border-top: 2px solid var(--cr-rule); margin-top: 2em; padding-top: 1em; }
.cr-report img { max-width: 100%; }
body.cr-standalone { margin: 0; background: #e9e9e9; }
@page { size: A4; margin: 2cm; }
@media print {
  body.cr-standalone { background: #fff; }
  .cr-report { box-shadow: none; margin: 0; padding: 0; max-width: none; }
  .cr-appendix { break-before: page; border-top: 0; }
  .cr-heading { break-after: avoid; }
  .cr-signoff, .cr-table tr { break-inside: avoid; }
}
`;
