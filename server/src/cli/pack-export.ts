import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, resolve } from 'node:path';
import { checkReport, type Analysis } from '../core/check.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import { SettingsByFolder } from './settings.js';
import { nodeFileSystem } from '../node/fs.js';
import { Packs } from '../node/pack.js';
import { packItems, stemOf, type PackInfo } from '../core/pack/index.js';
import { buildDocument, printDate, renderPackDocx, renderPackHtml, type PackEntry, type PackFront } from '../core/render/index.js';
import { parseExportArgs, type Output } from './export.js';
import { display, posix } from './output.js';

export const EXPORT_PACK_USAGE = `Usage: committee-report export pack FOLDER [--format docx|html] [--output PATH] [--force]

Exports the agenda pack of a folder of reports: a front sheet (council, committee, date,
venue), the contents with item numbers and titles, then each report in its council's
layout, each starting on a new page. The meeting and the item order come from the
folder's pack.yaml (docs/report-format.md), else from the reports' front matter and
file names.

Options:
  --format docx|html   Word document, or standalone HTML (default: from --output, else docx)
  --output PATH        where to write (default: FOLDER/agenda-pack.docx or .html)
  --force              export even when reports have errors
  --today yyyy-mm-dd   check dates as if today were this date
  -h, --help           this help

Exit code: 0 exported, 1 not exported because of errors, 2 usage or file error.`;

/** The pack's reports in agenda order: the manifest's items first, then the rest by file name. */
function agendaOrder(info: PackInfo): string[] {
  const ordered = new Set<string>();
  for (const reports of packItems(info).byItem) for (const m of reports) ordered.add(m.file);
  for (const f of info.members.map((m) => m.file).sort((a, b) => stemOf(a).localeCompare(stemOf(b)))) ordered.add(f);
  return [...ordered];
}

/** `committee-report export pack FOLDER --format docx|html --output PATH [--force]`. */
export async function exportPackCommand(argv: string[], cwd = process.cwd(), io: { stdout: Output; stderr: Output } = process): Promise<number> {
  const { stdout, stderr } = io;
  const fail = (message: string): number => {
    stderr.write(`committee-report export pack: ${message}\n\n${EXPORT_PACK_USAGE}\n`);
    return 2;
  };
  let parsed;
  try {
    parsed = parseExportArgs(argv);
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    stdout.write(EXPORT_PACK_USAGE + '\n');
    return 0;
  }
  if (positionals.length !== 1) return fail('export pack takes one folder');
  const folder = resolve(cwd, positionals[0]!);
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    stderr.write(`committee-report export pack: no such folder: ${positionals[0]}\n`);
    return 2;
  }
  const format = values.format ?? (values.output && /^\.html?$/i.test(extname(values.output)) ? 'html' : 'docx');
  if (format !== 'docx' && format !== 'html') return fail(`unknown --format "${format}" (docx or html)`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) return fail('--today takes a date as yyyy-mm-dd');
  const output = values.output ? resolve(cwd, values.output) : join(folder, `agenda-pack.${format}`);

  const settings = new SettingsByFolder(nodeFileSystem);
  const settingsFor = (file: string): WorkspaceSettings => settings.get(posix(dirname(file)));
  const info = new Packs(settingsFor).folder(folder);
  if (!info || info.members.length === 0) {
    stderr.write(`committee-report export pack: no reports in ${display(folder, cwd)}.\n`);
    return 2;
  }
  const entries: PackEntry[] = [];
  const errors: string[] = [];
  for (const file of agendaOrder(info)) {
    const text = readFileSync(file, 'utf8');
    const ws = settingsFor(file);
    const result = checkReport(text, { profiles: ws.profiles, config: ws.config, pack: { info, file }, ...(values.today ? { today: values.today } : {}) });
    const n = result.findings.filter((f) => f.severity === 'error').length;
    if (n > 0) errors.push(`  ${display(file, cwd)}: ${n} error${n === 1 ? '' : 's'}`);
    if (!result.model) continue;
    const analysis: Analysis = { model: result.model };
    if (result.profile) analysis.profile = result.profile;
    if (result.match) analysis.match = result.match;
    entries.push({ number: entries.length + 1, doc: buildDocument(analysis) });
  }
  if (errors.length > 0) {
    if (!values.force) {
      stderr.write(`committee-report export pack: reports with errors; not exported.\n${errors.join('\n')}\nFix them (committee-report check ${display(folder, cwd)}) or export anyway with --force.\n`);
      return 1;
    }
    stderr.write(`committee-report export pack: warning: exporting reports with errors (--force).\n${errors.join('\n')}\n`);
  }
  const front: PackFront = {};
  const council = info.manifest?.council ?? entries.find((e) => e.doc.council)?.doc.council;
  if (council) front.council = council;
  if (info.committee) front.committee = info.committee;
  if (info.meetingDate) front.date = printDate(info.meetingDate);
  else if (info.meetingDateText) front.date = info.meetingDateText;
  if (info.manifest?.venue) front.venue = info.manifest.venue;
  const bytes = format === 'docx' ? await renderPackDocx(front, entries) : new TextEncoder().encode(renderPackHtml(front, entries));
  try {
    mkdirSync(dirname(output), { recursive: true });
    writeFileSync(output, bytes);
  } catch (e) {
    stderr.write(`committee-report export pack: cannot write ${display(output, cwd)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  stdout.write(`Exported the agenda pack of ${display(folder, cwd)} (${entries.length} item${entries.length === 1 ? '' : 's'}) to ${display(output, cwd)}.\n`);
  return 0;
}
