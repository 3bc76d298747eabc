import { readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { globSync } from 'tinyglobby';
import { checkReportFiles } from './check-run.js';
import { cacheFile } from './cache.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import { SettingsByFolder } from './settings.js';
import { nodeFileSystem, realPathOrSelf, statOrUndefined } from '../node/fs.js';
import { installDictionary } from '../node/dictionary.js';
import { isReportFile } from '../core/report-files.js';
import { toJson, toSarif, toText, type FileFindings } from './format.js';
import { RULES } from '../core/rules/index.js';
import { display, posix } from './output.js';
import { glossaryCommand } from './glossary.js';
import { VERSION } from './version.js';
import { RunInputs, runConditions, saveRunRecord } from './run-record.js';
import { UsageError, checkTodayOption, parseCommandArgs } from './args.js';
export { appliedFlags } from './jit.js';
import { WORD_SEARCH_PATTERNS, isOwnerFile, isWordFile, searchedWordFiles } from './word-files.js';
import { convertCommands, isConvertCommand, runConvertCommand, saveConvertCache } from './convert-bundle.js';
export { convertLoaded } from './convert-bundle.js';

installDictionary();

const USAGE = `Usage: committee-report check [options] [paths or globs...]

Checks council committee report drafts against their council's template.

Reports are *.report.md files, .md files whose front matter has a template: key, and
Word files (.docx, .docm; a .doc is told how to convert). A folder search leaves out
Word's ~$ owner files, appendix files (name.appendix-B.docx) and a .docx whose draft
(name.report.md) is checked beside it. With no paths, the current folder is searched.

Options:
  --format text|json|sarif   output format (default: text)
  --fix                      apply safe fixes to the files, then report what is left
  --today yyyy-mm-dd         check dates as if today were this date
  --cache                    keep the results of unchanged reports, and use them
                             on the next run (pack checks always run again)
  --cache-location PATH      the cache file, or a folder for it
                             (default: .committee-report-cache in this folder)
  --concurrency N|auto|off   worker threads checking reports (default: auto, one
                             per core for a large folder; off: this thread only)
  --no-color                 plain text output
  -h, --help                 this help
  -v, --version              the version

Exit code: 0 no errors, 1 errors found, 2 usage or configuration error (or a rule
failed: the check is incomplete).

Other commands:
  committee-report rules     lists every rule with its default severity
  committee-report export FILE --format docx|html [--output PATH] [--force]
  committee-report export pack FOLDER --format docx|html [--output PATH] [--force]
                             writes the report in the council's layout (Word, or HTML
                             for print/PDF); a report with errors needs --force
  committee-report import REPORT.docx [--output FILE] [--template ID]
                             converts a Word report into a draft; check also reads
                             .docx files directly (findings name the paragraph)
  committee-report glossary FILE [--write]
                             prints the report's "Acronyms" section from the acronyms
                             it uses; --write puts it into the file`;

/**
 * Expands arguments into report files: files as given, folders searched, globs matched.
 * A search finds Word files too, less those `searchedWordFiles` leaves out (`copies`: a
 * Word copy of a draft checked in the same run). A file reached by two paths (a symbolic
 * link, a link loop) is checked once, under the first path in sorted order.
 */
export function collectFiles(args: string[], cwd: string): { files: string[]; missing: string[]; copies: { docx: string; draft: string }[] } {
  const found = new Set<string>();
  const searchedWord = new Set<string>();
  const missing: string[] = [];
  const patterns = args.length === 0 ? ['.'] : args;
  for (const arg of patterns) {
    const abs = resolve(cwd, arg);
    const stat = statOrUndefined(abs);
    if (stat?.isFile()) {
      if (!isOwnerFile(abs)) found.add(abs);
      continue;
    }
    const isDir = stat?.isDirectory() === true;
    const matches = isDir
      ? globSync(['**/*.md', ...WORD_SEARCH_PATTERNS], { cwd: abs, absolute: true, caseSensitiveMatch: false, ignore: ['**/node_modules/**', '**/.git/**'] })
      : globSync([posix(arg)], { cwd, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    if (!isDir && matches.length === 0) missing.push(arg);
    for (const f of matches) {
      if (isWordFile(f)) searchedWord.add(resolve(f));
      else if (isReportFile(f, () => readHead(f))) found.add(resolve(f));
    }
  }
  const { keep, copies } = searchedWordFiles([...searchedWord].filter((f) => !found.has(f)), [...found].filter((f) => !isWordFile(f)));
  for (const f of keep) found.add(f);
  const files: string[] = [];
  const seen = new Set<string>();
  for (const f of [...found].sort()) {
    const real = realPathOrSelf(f);
    if (seen.has(real)) continue;
    seen.add(real);
    files.push(f);
  }
  return { files, missing, copies };
}

function readHead(file: string): string {
  try {
    return readFileSync(file, 'utf8').slice(0, 4096);
  } catch {
    return '';
  }
}

interface Options {
  format: 'text' | 'json' | 'sarif';
  fix: boolean;
  today?: string;
  color: boolean;
  cache: boolean;
  cacheLocation?: string;
  concurrency: number | 'auto';
}

function parse(argv: string[]): { command: string; options: Options; paths: string[] } | 'help' | 'version' {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    today: { type: 'string' },
    cache: { type: 'boolean', default: false },
    'cache-location': { type: 'string' },
    concurrency: { type: 'string', default: 'auto' },
    'no-color': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
    version: { type: 'boolean', short: 'v', default: false },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  const [command, ...paths] = positionals;
  if (!command) throw new UsageError('no command given');
  const format = values.format;
  if (format !== 'text' && format !== 'json' && format !== 'sarif') throw new UsageError(`unknown --format "${format}" (text, json or sarif)`);
  const today = checkTodayOption(values.today);
  const options: Options = { format, fix: values.fix, color: !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR, cache: values.cache, concurrency: concurrencyOption(values.concurrency) };
  if (today) options.today = today;
  if (values['cache-location'] !== undefined) options.cacheLocation = values['cache-location'];
  return { command, options, paths };
}

export function main(argv: string[], cwd = process.cwd()): number | Promise<number> {
  // Export and import are in a bundle of their own (convert-bundle.ts).
  if (isConvertCommand(argv)) return runConvertCommand(argv, cwd);
  if (argv[0] === 'glossary') return glossaryCommand(argv.slice(1), cwd);
  let parsed;
  try {
    parsed = parse(argv);
  } catch (e) {
    process.stderr.write(`committee-report: ${e instanceof Error ? e.message : String(e)}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (parsed === 'version') {
    process.stdout.write(VERSION + '\n');
    return 0;
  }
  const { command, options, paths } = parsed;
  if (command === 'rules') {
    for (const r of RULES) process.stdout.write(`${r.id.padEnd(34)} ${r.defaultSeverity.padEnd(8)} ${r.fixable ? 'fix ' : '    '}${r.title}\n`);
    return 0;
  }
  if (command !== 'check') {
    process.stderr.write(`committee-report: unknown command "${command}"\n\n${USAGE}\n`);
    return 2;
  }
  // `--cache`: what this run reads is recorded before it is read (run-record.ts).
  const inputs = options.cache && !options.fix ? RunInputs.start(paths, cwd, cacheFile(options.cacheLocation, cwd)) : undefined;
  const { files, missing, copies } = collectFiles(paths, cwd);
  if (missing.length > 0) {
    process.stderr.write(`committee-report: no such file or no match: ${missing.join(', ')}\n`);
    return 2;
  }
  if (copies.length > 0) process.stderr.write(`committee-report: not checked, the Word copy of a draft checked beside it (name the .docx to check it too): ${copies.map((c) => display(c.docx, cwd)).join(', ')}\n`);
  if (files.length === 0) {
    process.stderr.write(
      `committee-report: no reports found in ${paths.length ? paths.join(', ') : 'this folder'}.\n` +
        'It looks for *.report.md files, .md files whose front matter has a "template:" key, and Word files (.docx).\n',
    );
    return 2;
  }
  // One settings load per config file (config files apply to the folder and below).
  const settings = new SettingsByFolder(inputs ? { readFile: (path) => (inputs.file(path), nodeFileSystem.readFile(path)) } : nodeFileSystem);
  const settingsFor = (file: string): WorkspaceSettings => settings.get(posix(dirname(file)));
  const word = files.filter(isWordFile);
  const record = inputs && copies.length === 0 && word.length === 0 ? { inputs, argv } : undefined;
  if (word.length === 0) return checkFiles(files, new Map(), options, settingsFor, cwd, record);
  // Word files are read by the importer, in the export and import commands' bundle.
  return convertCommands()
    .then((c) => Promise.all(word.map((f) => c.checkWordFile(f, display(f, cwd), settingsFor(f), options.today))))
    .then((checked) => {
      saveConvertCache();
      return checkFiles(files, new Map(word.map((f, i) => [f, checked[i]!])), options, settingsFor, cwd);
    });
}

async function checkFiles(files: string[], word: Map<string, FileFindings>, options: Options, settingsFor: (file: string) => WorkspaceSettings, cwd: string, record?: { inputs: RunInputs; argv: string[] }): Promise<number> {
  const results: FileFindings[] = [];
  let configError = false;
  let unreadable = 0;
  let internalError = false;
  const reportedConfig = new Set<string>();
  // The reports are checked together (on worker threads, from the cache); the output keeps the files' order.
  const run = await checkReportFiles(
    files.filter((f) => !word.has(f)),
    settingsFor,
    (f) => posix(dirname(f)),
    { fix: options.fix, concurrency: options.concurrency, version: VERSION, ...(options.today ? { today: options.today } : {}), ...(options.cache ? { cacheFile: cacheFile(options.cacheLocation, cwd) } : {}) },
  );
  if (run.cacheError) process.stderr.write(`committee-report: the cache could not be written (${run.cacheError}).\n`);
  for (const file of files) {
    const settings = settingsFor(file);
    for (const p of settings.problems) {
      if (reportedConfig.has(p.file)) continue;
      reportedConfig.add(p.file);
      configError = true;
      results.push({
        file: display(p.file, cwd),
        findings: p.problems.map((x) => ({ ruleId: 'config', severity: 'error' as const, message: x.path ? `${x.path}: ${x.message}` : x.message, range: x.range, fixes: [] })),
      });
    }
    const checkedWord = word.get(file);
    if (checkedWord) {
      results.push(checkedWord);
      continue;
    }
    const result = run.byFile.get(file)!;
    if ('unreadable' in result) {
      // Said at once; the other files are still checked, and the exit code is 2.
      process.stderr.write(`committee-report: cannot read ${display(file, cwd)}: ${result.unreadable}\n`);
      unreadable++;
      continue;
    }
    results.push({ file: display(file, cwd), findings: result.findings });
    // A rule that failed is reported as a finding; the check is incomplete.
    if (result.ruleErrors > 0) internalError = true;
  }
  for (const m of run.manifests) results.push({ file: display(m.file, cwd), findings: m.findings });
  const out =
    options.format === 'json'
      ? JSON.stringify(toJson(results), null, 2)
      : options.format === 'sarif'
        ? JSON.stringify(toSarif(results, VERSION), null, 2)
        : toText(results, options.color);
  process.stdout.write(out + '\n');
  if (unreadable > 0) process.stderr.write(`committee-report: ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read (see above).\n`);
  if (configError || internalError || unreadable > 0) return 2;
  const code = results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
  // A run that said nothing on stderr is printed again while nothing it read changes.
  if (record && !run.cacheError) saveRunRecord(cacheFile(options.cacheLocation, cwd), record.inputs, runConditions(record.argv, cwd), out, code);
  return code;
}

/** `--concurrency`: a number of worker threads, `auto`, or `off` (this thread only). */
function concurrencyOption(value: string): number | 'auto' {
  if (value === 'auto') return 'auto';
  if (value === 'off') return 1;
  if (/^[1-9]\d{0,2}$/.test(value)) return Number(value);
  throw new UsageError(`--concurrency takes a number of threads, auto or off (got "${value}")`);
}
