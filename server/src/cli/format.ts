import type { Finding } from '../core/types.js';
import { RULES } from '../core/rules/index.js';

export interface FileFindings {
  file: string;
  findings: Finding[];
  /**
   * For a Word file: where each finding is, in words (`paragraph 3.2 "The programme…"`);
   * its ranges are in the converted draft, which the Word user does not see.
   */
  place?: (f: Finding) => string;
}

/** One JSON object per finding, 1-based positions, exactly these fields. */
export function toJson(results: FileFindings[]): object[] {
  return results.flatMap((r) =>
    r.findings.map((f) => r.place ? { file: r.file, place: r.place(f), ruleId: f.ruleId, severity: f.severity, message: f.message } : ({
      file: r.file,
      line: f.range.start.line + 1,
      column: f.range.start.character + 1,
      endLine: f.range.end.line + 1,
      endColumn: f.range.end.character + 1,
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
    })),
  );
}

const SARIF_LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, for code-scanning tools. */
export function toSarif(results: FileFindings[], version: string): object {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)));
  const rules = RULES.filter((r) => used.has(r.id));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'committee-report',
            version,
            informationUri: 'https://github.com/committee-reports/committee-reports',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace('/', '-'),
              shortDescription: { text: r.title },
              fullDescription: { text: r.docs.why },
              helpUri: `https://github.com/committee-reports/committee-reports/blob/main/docs/rules.md#${r.id.replace('/', '-')}`,
              defaultConfiguration: { level: SARIF_LEVEL[r.defaultSeverity] },
            })),
          },
        },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.ruleId,
            level: SARIF_LEVEL[f.severity],
            message: { text: f.message },
            locations: [
              r.place ? { physicalLocation: { artifactLocation: { uri: r.file } }, logicalLocations: [{ name: r.place(f), kind: 'paragraph' }] } : {
                physicalLocation: {
                  artifactLocation: { uri: r.file },
                  region: {
                    startLine: f.range.start.line + 1,
                    startColumn: f.range.start.character + 1,
                    endLine: f.range.end.line + 1,
                    endColumn: f.range.end.character + 1,
                  },
                },
              },
            ],
          })),
        ),
      },
    ],
  };
}

/** `file:line:col  severity  rule  message`, grouped per file, with a summary. */
export function toText(results: FileFindings[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const sev = { error: paint('31', 'error'), warning: paint('33', 'warning'), info: paint('36', 'info') };
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const r of results) {
    for (const f of r.findings) {
      const at = r.place ? `${r.file}: ${r.place(f)}` : `${r.file}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      lines.push(`${at}  ${sev[f.severity]}  ${paint('2', f.ruleId)}  ${f.message}`);
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
  }
  const files = results.length;
  const clean = results.filter((r) => r.findings.length === 0).length;
  lines.push(
    `${files} report${files === 1 ? '' : 's'} checked, ${clean} clean: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info.`,
  );
  return lines.join('\n');
}
