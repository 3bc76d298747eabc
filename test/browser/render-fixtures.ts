import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import JSZip from 'jszip';
import { analyseReport } from '../../server/src/core/check.js';
import { buildDocument, type ReportDocument } from '../../server/src/core/render/index.js';

export const repo = join(import.meta.dirname, '..', '..');

/** The path of a command, or undefined when it is not installed. */
export function which(cmd: string): string | undefined {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

export const EXAMPLES = {
  'leicester-city/executive': 'examples/leicester-city-executive.report.md',
  'leicester-city/scrutiny': 'examples/leicester-city-scrutiny.report.md',
  'leicestershire-county/committee': 'examples/leicestershire-county-committee.report.md',
} as const;

export function readExample(rel: string): string {
  return readFileSync(join(repo, rel), 'utf8');
}

export function docFor(text: string): ReportDocument {
  return buildDocument(analyseReport(text));
}

export interface DocxParagraph {
  style: string;
  text: string;
}

/** The paragraphs of a .docx body (style id and text), in order; tables' cells included. */
export async function docxParagraphs(bytes: Uint8Array): Promise<DocxParagraph[]> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const out: DocxParagraph[] = [];
  for (const m of xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)) {
    const p = m[0];
    const style = /<w:pStyle w:val="([^"]+)"/.exec(p)?.[1] ?? '';
    let text = '';
    for (const t of p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)) text += t[1] === undefined ? '\t' : decodeXml(t[1]);
    out.push({ style, text });
  }
  return out;
}

function decodeXml(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** Every string in the .docx XML parts (to look for anything that should not be there). */
export async function docxXml(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts.join('\n');
}

/** A draft carrying the usual script-injection attempts, in body, front matter and links. */
export const HOSTILE_DRAFT = `---
template: leicester-city/executive
committee: "<script>window.__pwned = 'committee'</script>Children's Commission"
meeting_date: 3 March 2026
lead_director: <img src=x onerror="window.__pwned='lead'">Damian Elcock, Director
wards_affected: All
report_author: Helen Sheppard
author_contact: helen.sheppard@leicester.gov.uk, 0116 454 1170
version: v1
---

# Families First <script>window.__pwned = 'title'</script>

## 1. Summary

<script>window.__pwned = 'block script'</script>

1.1 Inline <img src="x" onerror="window.__pwned='onerror'"> image and <a href="javascript:window.__pwned='raw link'">raw link</a>.

1.2 A [markdown link](javascript:window.__pwned='md-link') and [another](JaVaScRiPt:window.__pwned='md-link2') and [tabbed](java&#x09;script:window.__pwned='md-link3').

1.3 An autolink <javascript:window.__pwned='autolink'> and an image ![pic](javascript:window.__pwned='img').

1.4 An <svg onload="window.__pwned='svg'"></svg> and <iframe src="javascript:window.__pwned='iframe'"></iframe> and <div onclick="window.__pwned='click'">div</div>.

<style>body { background: url(javascript:window.__pwned='style') }</style>

| Name | Link |
| --- | --- |
| <b onmouseover="window.__pwned='cell'">x</b> | [cell](javascript:window.__pwned='cell-link') |

[ref]: javascript:window.__pwned='ref'

1.5 A [reference link][ref] and a [safe link](https://www.leicester.gov.uk/) and [mail](mailto:a@b.uk).

## 2. Recommended actions/decision

2.1 Note the report.
`;
