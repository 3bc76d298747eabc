import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { analyseReport, checkReport, type Analysis } from '../core/check.js';
import { loadWorkspaceSettings } from '../core/workspace.js';
import { nodeFileSystem } from '../node/fs.js';
import { display, outputRefusal, posix, writeWhole } from './output.js';
import { buildDocument, renderDocx, renderStandaloneHtml } from '../core/render/index.js';
import { UsageError, checkTodayOption, parseCommandArgs } from './args.js';

export const EXPORT_USAGE = `Usage: committee-report export FILE --format docx|html [--output PATH] [--force]

Exports a report draft in its council's layout: header block, numbered sections,
tables and sign-offs.

Options:
  --format docx|html   Word document, or standalone HTML for printing or saving as PDF
                       (may be left out when --output ends in .docx or .html)
  --output PATH        where to write (default: FILE with .docx or .html beside it)
  --force              export even when the report has errors, and replace an
                       existing output file (never the report itself)
  --today yyyy-mm-dd   check dates as if today were this date
  -h, --help           this help

A report with errors is not exported without --force (exit 1), and an existing file
is not replaced without --force (exit 2).
Exit code: 0 exported, 1 not exported because of errors, 2 usage or file error.`;

interface ExportArgs {
  file: string;
  format: 'docx' | 'html';
  output: string;
  force: boolean;
  today?: string;
}

/** The options of `export` and `export pack`. */
export function parseExportArgs(argv: string[]) {
  return parseCommandArgs(argv, {
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    force: { type: 'boolean', default: false },
    today: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
}

function parse(argv: string[], cwd: string): ExportArgs | 'help' {
  const { values, positionals } = parseExportArgs(argv);
  if (values.help) return 'help';
  // `committee-report export …` may pass the command name through.
  const files = positionals[0] === 'export' ? positionals.slice(1) : positionals;
  if (files.length === 0) throw new UsageError('export needs the report file');
  if (files.length > 1) throw new UsageError(`export takes one report file (got ${files.length})`);
  let format = values.format;
  if (format === undefined) {
    // Only an output name that says which is taken as saying it; nothing is guessed.
    const ext = values.output ? extname(values.output).toLowerCase() : '';
    if (ext === '.html' || ext === '.htm') format = 'html';
    else if (ext === '.docx') format = 'docx';
    else throw new UsageError('export needs --format docx or --format html (or an --output ending in .docx or .html)');
  }
  if (format !== 'docx' && format !== 'html') throw new UsageError(`unknown --format "${format}" (docx or html)`);
  const today = checkTodayOption(values.today);
  const file = resolve(cwd, files[0]!);
  const output = values.output ? resolve(cwd, values.output) : file.replace(/(\.report)?\.md$/i, '') + `.${format}`;
  const args: ExportArgs = { file, format, output, force: values.force };
  if (today) args.today = today;
  return args;
}

export interface Output {
  write(text: string): unknown;
}

/**
 * `committee-report export FILE --format docx|html --output PATH [--force]`.
 * Returns the exit code; writes messages to stdout/stderr (or the streams given).
 */
export async function exportCommand(argv: string[], cwd = process.cwd(), io: { stdout: Output; stderr: Output } = process): Promise<number> {
  const { stdout, stderr } = io;
  let args: ExportArgs | 'help';
  try {
    args = parse(argv, cwd);
  } catch (e) {
    stderr.write(`committee-report export: ${e instanceof Error ? e.message : String(e)}\n\n${EXPORT_USAGE}\n`);
    return 2;
  }
  if (args === 'help') {
    stdout.write(EXPORT_USAGE + '\n');
    return 0;
  }
  const shown = display(args.file, cwd);
  if (!existsSync(args.file) || !statSync(args.file).isFile()) {
    stderr.write(`committee-report export: no such file: ${shown}\n`);
    return 2;
  }
  const refusal = outputRefusal(args, display(args.output, cwd));
  if (refusal) {
    stderr.write(`committee-report export: ${refusal}\n`);
    return 2;
  }
  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    stderr.write(`committee-report export: cannot read ${shown}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  const settings = loadWorkspaceSettings(nodeFileSystem, posix(dirname(args.file)));
  const opts = { profiles: settings.profiles, config: settings.config, ...(args.today ? { today: args.today } : {}) };
  const result = checkReport(text, opts);
  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    const list = errors
      .slice(0, 10)
      .map((f) => `  ${shown}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${f.ruleId}  ${f.message}`)
      .join('\n');
    const more = errors.length > 10 ? `\n  … and ${errors.length - 10} more` : '';
    if (!args.force) {
      stderr.write(
        `committee-report export: ${shown} has ${errors.length} error${errors.length === 1 ? '' : 's'}; not exported.\n${list}${more}\n` +
          `Fix them (committee-report check ${shown}) or export anyway with --force.\n`,
      );
      return 1;
    }
    stderr.write(`committee-report export: warning: exporting ${shown} with ${errors.length} error${errors.length === 1 ? '' : 's'} (--force).\n`);
  }
  // The check already analysed the report: lay out the same analysis.
  const analysis: Analysis = result.model ? { model: result.model } : analyseReport(text, settings.profiles, settings.config);
  if (result.model && result.profile) analysis.profile = result.profile;
  if (result.model && result.match) analysis.match = result.match;
  const doc = buildDocument(analysis);
  const bytes = args.format === 'docx' ? await renderDocx(doc) : new TextEncoder().encode(renderStandaloneHtml(doc));
  try {
    mkdirSync(dirname(args.output), { recursive: true });
    writeWhole(args.output, bytes);
  } catch (e) {
    stderr.write(`committee-report export: cannot write ${display(args.output, cwd)}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  stdout.write(`Exported ${shown} to ${display(args.output, cwd)} (${args.format === 'docx' ? 'Word' : 'HTML'}, ${doc.templateId ?? 'no template'}).\n`);
  return 0;
}

