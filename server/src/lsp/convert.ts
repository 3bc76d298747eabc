import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, CodeLens, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { Finding, Fix, Severity } from '../core/types.js';
import type { CompletionEntry, FoldRange, HoverInfo, OutlineItem, OutlineKind, SignOffLens } from '../core/features.js';
import type { DataProblem } from '../core/datafile.js';
import { SOURCE, ruleDocsUrl, type DiagnosticData } from './protocol.js';

/**
 * Core shapes → LSP shapes. Numeric protocol constants are written out so this module
 * (used in the worker threads) needs only the protocol's types.
 */

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };

/** A `<!-- ... -->` snippet fix is applied as plain text: placeholders become their defaults. */
export function plainSnippet(text: string): string {
  return text.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, '').replace(/\\([$}\\])/g, '$1');
}

export function fixData(fix: Fix): DiagnosticData['fixes'][number] {
  return { title: fix.title, safe: fix.safe, edits: fix.edits.map((e) => ({ range: e.range, newText: fix.snippet ? plainSnippet(e.newText) : e.newText })) };
}

export function toDiagnostic(f: Finding, uri: string): Diagnostic {
  const data: DiagnosticData = { ruleId: f.ruleId, fixes: f.fixes.map(fixData) };
  const d: Diagnostic = {
    range: f.range,
    severity: SEVERITY[f.severity],
    source: SOURCE,
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    message: f.message,
    data,
  };
  if (f.related && f.related.length > 0) d.relatedInformation = f.related.map((r) => ({ location: { uri, range: r.range }, message: r.message }));
  return d;
}

export function problemDiagnostic(p: DataProblem): Diagnostic {
  return { range: p.range, severity: 1, source: SOURCE, code: 'config/invalid', message: p.path ? `${p.path}: ${p.message}` : p.message };
}

const SYMBOL_KIND: Record<OutlineKind, number> = {
  frontMatter: 19, // Object
  field: 7, // Property
  title: 1, // File
  section: 3, // Namespace
  implications: 23, // Struct
  question: 20, // Key
  appendix: 2, // Module
};

export function toSymbol(item: OutlineItem): DocumentSymbol {
  const s: DocumentSymbol = { name: item.name, kind: SYMBOL_KIND[item.kind] as DocumentSymbol['kind'], range: item.range, selectionRange: item.selectionRange, children: item.children.map(toSymbol) };
  if (item.detail) s.detail = item.detail;
  return s;
}

export function toFolding(f: FoldRange): FoldingRange {
  const r: FoldingRange = { startLine: f.startLine, endLine: f.endLine };
  if (f.kind) r.kind = f.kind;
  return r;
}

const COMPLETION_KIND = { section: 9 /* Module */, field: 10 /* Property */, value: 12 /* Value */ } as const;

export function toCompletion(c: CompletionEntry): CompletionItem {
  const item: CompletionItem = {
    label: c.label,
    kind: COMPLETION_KIND[c.kind],
    detail: c.detail,
    textEdit: { range: c.range, newText: c.insertText },
    sortText: c.sortText,
  };
  if (c.filterText) item.filterText = c.filterText;
  if (c.documentation) item.documentation = { kind: 'markdown', value: c.documentation };
  if (c.retrigger) item.command = { title: 'Suggest', command: 'editor.action.triggerSuggest' };
  if (c.preselect) item.preselect = true;
  return item;
}

export function toHover(h: HoverInfo): Hover {
  return { contents: { kind: 'markdown', value: h.contents }, range: h.range };
}

export function toCodeLens(l: SignOffLens): CodeLens {
  return { range: l.range, command: { title: l.title, command: '', tooltip: l.tooltip } as CodeLens['command'] & { tooltip: string } };
}

export function quickFixes(uri: string, diagnostic: Diagnostic): CodeAction[] {
  const data = diagnostic.data as DiagnosticData | undefined;
  if (!data || !Array.isArray(data.fixes)) return [];
  return data.fixes.map((fix, i) => {
    const action: CodeAction = {
      title: fix.title,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      edit: { changes: { [uri]: fix.edits as LspTextEdit[] } },
    };
    if (i === 0 && fix.safe) action.isPreferred = true;
    return action;
  });
}
