import type { ElementContent, Properties } from 'hast';
import type { Range, Severity } from '../types.js';
import { allDocSections, type ReportDocument } from './document.js';
import { toSafeHtml } from './html.js';

/**
 * The preview's readiness panel: the problems left in a draft, grouped by the section
 * they are in, in document order. Problems come from the caller (editor diagnostics or
 * `checkReport` findings), so this module runs no check itself.
 */

export interface Problem {
  severity: Severity;
  message: string;
  ruleId?: string;
  range: Range;
}

export interface ProblemGroup {
  /** `Front matter`, `5.1 Financial implications`, `Appendix 1` … */
  title: string;
  /** Line of the group's heading (or 0), 0-based. */
  line: number;
  problems: Problem[];
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Groups problems by the innermost section holding their start line. */
export function groupProblems(doc: ReportDocument, problems: readonly Problem[]): ProblemGroup[] {
  const flat = allDocSections(doc);
  flat.sort((a, b) => a.line - b.line);
  const firstLine = flat[0]?.line ?? Number.MAX_SAFE_INTEGER;
  const groups = new Map<string, ProblemGroup>();
  const sorted = [...problems].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || ORDER[a.severity] - ORDER[b.severity]);
  for (const p of sorted) {
    const line = p.range.start.line;
    let title: string;
    let at = 0;
    if (line < firstLine) {
      title = 'Header and front matter';
    } else {
      let s = flat[0]!;
      for (const c of flat) if (c.line <= line) s = c;
      title = s.heading.number ? `${s.heading.number} ${s.heading.title}` : s.heading.title;
      at = s.line;
    }
    const key = `${at}\u0000${title}`;
    let g = groups.get(key);
    if (!g) {
      g = { title, line: at, problems: [] };
      groups.set(key, g);
    }
    g.problems.push(p);
  }
  return [...groups.values()].sort((a, b) => a.line - b.line);
}

function el(tagName: string, properties: Properties, children: ElementContent[] = []): ElementContent {
  return { type: 'element', tagName, properties, children };
}

/**
 * The panel as sanitised HTML. Each problem is a button carrying its range in `data-*`
 * attributes; the preview script posts it back to the editor when clicked.
 */
export function renderReadinessHtml(groups: readonly ProblemGroup[], summary: string): string {
  const total = groups.reduce((n, g) => n + g.problems.length, 0);
  const errors = groups.reduce((n, g) => n + g.problems.filter((p) => p.severity === 'error').length, 0);
  const list =
    total === 0
      ? [el('p', { className: ['cr-ready-none'] }, [{ type: 'text', value: 'No problems found.' }])]
      : groups.map((g) =>
          el('div', { className: ['cr-ready-group'] }, [
            el('p', { className: ['cr-ready-section'], dataLine: String(g.line) }, [{ type: 'text', value: g.title }]),
            el(
              'ul',
              { className: ['cr-ready-list'] },
              g.problems.map((p) =>
                el('li', { className: ['cr-ready-item', `cr-sev-${p.severity}`] }, [
                  el(
                    'button',
                    {
                      type: 'button',
                      className: ['cr-ready-link'],
                      title: `Line ${p.range.start.line + 1}${p.ruleId ? ` · ${p.ruleId}` : ''}`,
                      dataLine: String(p.range.start.line),
                      dataCharacter: String(p.range.start.character),
                      dataEndLine: String(p.range.end.line),
                      dataEndCharacter: String(p.range.end.character),
                      dataSeverity: p.severity,
                      ...(p.ruleId ? { dataRule: p.ruleId } : {}),
                    },
                    [
                      el('span', { className: ['cr-sev'] }, [{ type: 'text', value: p.severity }]),
                      { type: 'text', value: ' ' },
                      el('span', { className: ['cr-msg'] }, [{ type: 'text', value: p.message }]),
                    ],
                  ),
                ]),
              ),
            ),
          ]),
        );
  return toSafeHtml([
    el('div', { className: ['cr-readiness', errors > 0 ? 'cr-not-ready' : 'cr-ready'] }, [
      el('p', { className: ['cr-ready-summary'] }, [{ type: 'text', value: summary }]),
      ...list,
    ]),
  ]);
}
