import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checkReport } from '../core/check.js';
import type { Finding } from '../core/types.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../core/workspace.js';
import { nodeFileSystem } from '../node/fs.js';
import { LISTED, listedRevisions, quote, revisionWords, type ImportResult } from '../node/import/index.js';
import { draftPathFor, importWithSettings } from '../node/import/editor.js';
import { wordMessage, wordPlace } from '../node/import/places.js';
import type { FileFindings } from './format.js';
import type { Output } from './export.js';
import { UsageError, parseCommandArgs } from './args.js';
import { display, outputRefusal, posix, writeWhole } from './output.js';

export const IMPORT_USAGE = `Usage: committee-report import REPORT.docx [--output FILE] [--template ID] [--force]

Converts a Word report written on a council form into a report draft: the header block
or "Useful information" table becomes front matter; headings, paragraph numbers (typed
or Word's automatic numbering), sign-offs, tables, links and footnotes are kept; pictures
become a visible note. Tracked changes are accepted and comments dropped; both are listed.

Options:
  --output FILE    where to write the draft (default: REPORT.report.md beside the .docx;
                   "-" prints it)
  --template ID    the council template (default: recognised from the headings)
  --force          overwrite an existing output file
  -h, --help       this help

Exit code: 0 imported, 2 usage error or a file that cannot be imported.`;


/** Reads and converts one Word file with the folder's settings (profiles, default template). */
export async function importWordFile(file: string, settings: WorkspaceSettings, templateId?: string): Promise<ImportResult> {
  const id = templateId ?? undefined;
  const template = id ? settings.profiles.get(id) : undefined;
  if (id && !template) throw new UsageError(`unknown template "${id}" (known: ${settings.profiles.ids().join(', ')})`);
  return importWithSettings(readFileSync(file), settings, template);
}

/**
 * `committee-report import REPORT.docx [--output FILE] [--template ID] [--force]`.
 */
export async function importCommand(argv: string[], cwd = process.cwd(), io: { stdout: Output; stderr: Output } = process): Promise<number> {
  const { stdout, stderr } = io;
  let values;
  let files: string[];
  try {
    const parsed = parseCommandArgs(argv, {
      output: { type: 'string', short: 'o' },
      template: { type: 'string' },
      force: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    });
    values = parsed.values;
    files = parsed.positionals[0] === 'import' ? parsed.positionals.slice(1) : parsed.positionals;
    if (values.help) {
      stdout.write(IMPORT_USAGE + '\n');
      return 0;
    }
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'import needs the Word file' : `import takes one Word file (got ${files.length})`);
  } catch (e) {
    stderr.write(`committee-report import: ${e instanceof Error ? e.message : String(e)}\n\n${IMPORT_USAGE}\n`);
    return 2;
  }
  const file = resolve(cwd, files[0]!);
  const shown = display(file, cwd);
  if (!existsSync(file) || !statSync(file).isFile()) {
    stderr.write(`committee-report import: no such file: ${shown}\n`);
    return 2;
  }
  const output = values.output === '-' ? undefined : values.output ? resolve(cwd, values.output) : draftPathFor(file);
  const refusal = output ? outputRefusal({ file, output, force: values.force }, display(output, cwd)) : undefined;
  if (refusal) {
    stderr.write(`committee-report import: ${refusal}\n`);
    return 2;
  }
  const settings = loadWorkspaceSettings(nodeFileSystem, posix(dirname(output ?? file)));
  let result: ImportResult;
  try {
    result = await importWordFile(file, settings, values.template);
  } catch (e) {
    const usage = e instanceof UsageError;
    stderr.write(`committee-report import: ${usage ? '' : `${shown}: `}${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (output) {
    try {
      mkdirSync(dirname(output), { recursive: true });
      writeWhole(output, result.markdown);
    } catch (e) {
      stderr.write(`committee-report import: cannot write ${display(output, cwd)}: ${e instanceof Error ? e.message : String(e)}\n`);
      return 2;
    }
  } else {
    stdout.write(result.markdown);
  }
  const how = { given: 'as given', recognised: 'recognised from its headings', default: "the workspace's default template", none: '' }[result.recognised];
  const summary = `Imported ${shown}${output ? ` to ${display(output, cwd)}` : ''} (${result.profile ? `${result.profile.id}, ${how}` : 'no template'}).`;
  (output ? stdout : stderr).write(summary + '\n');
  for (const n of result.notes) stderr.write(n + '\n');
  return 0;
}

/**
 * Findings about the Word file itself: what the check read as accepted or left out, in
 * all, then each tracked change and comment where Word shows it (the first LISTED of each).
 */
function importFindings(r: ImportResult): { finding: Finding; place?: string }[] {
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const info = (ruleId: string, message: string, place?: string): { finding: Finding; place?: string } => ({ finding: { ruleId, severity: 'info', message, range: zero, fixes: [] }, ...(place ? { place } : {}) });
  const out: { finding: Finding; place?: string }[] = [];
  if (r.revisions.length > 0) {
    out.push(info('import/tracked-changes', `The document has ${r.revisions.length} tracked change${r.revisions.length === 1 ? '' : 's'}; checked as if all were accepted.`));
    for (const x of listedRevisions(r.revisions).slice(0, LISTED)) out.push(info('import/tracked-changes', `Tracked change: ${revisionWords(x)}.`, x.place));
  }
  if (r.comments.length > 0) {
    out.push(info('import/comments', `The document has ${r.comments.length} comment${r.comments.length === 1 ? '' : 's'}; comments are not checked.`));
    for (const c of r.comments.slice(0, LISTED)) out.push(info('import/comments', `Comment${c.author ? ` by ${c.author}` : ''}, not checked: ${quote(c.text, 80)}`, c.place));
  }
  return out;
}

/**
 * Checks a Word file: imported in memory, checked as a draft, each finding placed where a
 * Word user finds it. A file that cannot be imported is one error finding.
 */
export async function checkWordFile(file: string, shown: string, settings: WorkspaceSettings, today?: string): Promise<FileFindings> {
  const placed = new Map<Finding, string>();
  const place = (f: Finding): string => placed.get(f) ?? 'whole document';
  let imported: ImportResult;
  try {
    imported = await importWordFile(file, settings);
  } catch (e) {
    const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { file: shown, findings: [{ ruleId: 'import', severity: 'error', message: e instanceof Error ? e.message : String(e), range: zero, fixes: [] }], place };
  }
  const result = checkReport(imported.markdown, { profiles: settings.profiles, config: settings.config, ...(today ? { today } : {}) });
  const findings: Finding[] = [];
  for (const { finding, place: where } of importFindings(imported)) {
    findings.push(finding);
    if (where) placed.set(finding, where);
  }
  for (const f of result.findings) {
    // Fixes edit the draft, which the Word user does not have: none are offered.
    const g: Finding = { ...f, fixes: [] };
    findings.push(g);
    if (!result.model) continue;
    g.message = wordMessage(f.message, result.model, result.profile);
    placed.set(g, wordPlace(f, result.model, result.profile));
  }
  return { file: shown, findings, place };
}
