import { readFileSync, writeFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { globSync } from 'tinyglobby';
import { checkReport, fixReport, refuseOversized } from '../core/check.js';
import { appendixFilesBeside } from '../node/appendix-files.js';
import { CheckPacks } from './pack.js';
import { exportPackCommand } from './pack-export.js';
import { loadWorkspaceSettings, type WorkspaceSettings } from '../core/workspace.js';
import { nodeFileSystem, realPathOrSelf, statOrUndefined } from '../node/fs.js';
import { installDictionary } from '../node/dictionary.js';
import { isReportFile } from '../core/report-files.js';
import { toJson, toSarif, toText, type FileFindings } from './format.js';
import { RULES } from '../core/rules/index.js';
import { display, exportCommand, posix } from './export.js';
import { glossaryCommand } from './glossary.js';
import { UsageError, checkTodayOption, parseCommandArgs } from './args.js';
import { WORD_SEARCH_PATTERNS, checkWordFile, importCommand, isOwnerFile, isWordFile, searchedWordFiles } from './import.js';

installDictionary();

const VERSION = '0.1.0';

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
}

function parse(argv: string[]): { command: string; options: Options; paths: string[] } | 'help' | 'version' {
  const { values, positionals } = parseCommandArgs(argv, {
    format: { type: 'string', default: 'text' },
    fix: { type: 'boolean', default: false },
    today: { type: 'string' },
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
  const options: Options = { format, fix: values.fix, color: !values['no-color'] && process.stdout.isTTY === true && !process.env.NO_COLOR };
  if (today) options.today = today;
  return { command, options, paths };
}

export function main(argv: string[], cwd = process.cwd()): number | Promise<number> {
  if (argv[0] === 'export') return argv[1] === 'pack' ? exportPackCommand(argv.slice(2), cwd) : exportCommand(argv.slice(1), cwd);
  if (argv[0] === 'glossary') return glossaryCommand(argv.slice(1), cwd);
  if (argv[0] === 'import') return importCommand(argv.slice(1), cwd);
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
  // One settings load per folder (config files apply to the folder and below).
  const settingsByDir = new Map<string, WorkspaceSettings>();
  const settingsFor = (file: string): WorkspaceSettings => {
    const dir = posix(dirname(file));
    let s = settingsByDir.get(dir);
    if (!s) {
      s = loadWorkspaceSettings(nodeFileSystem, dir);
      settingsByDir.set(dir, s);
    }
    return s;
  };
  const word = files.filter(isWordFile);
  if (word.length === 0) return checkFiles(files, new Map(), options, settingsFor, cwd);
  return Promise.all(word.map((f) => checkWordFile(f, display(f, cwd), settingsFor(f), options.today))).then((checked) =>
    checkFiles(files, new Map(word.map((f, i) => [f, checked[i]!])), options, settingsFor, cwd),
  );
}

function checkFiles(files: string[], word: Map<string, FileFindings>, options: Options, settingsFor: (file: string) => WorkspaceSettings, cwd: string): number {
  const results: FileFindings[] = [];
  const packs = new CheckPacks(settingsFor);
  let configError = false;
  let unreadable = 0;
  let internalError = false;
  const reportedConfig = new Set<string>();
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
    let text: string;
    try {
      // Too large: refused before reading (a check would run out of memory).
      const tooLarge = refuseOversized(statOrUndefined(file)?.size ?? 0);
      if (tooLarge) {
        results.push({ file: display(file, cwd), findings: [tooLarge] });
        continue;
      }
      text = readFileSync(file, 'utf8');
    } catch (e) {
      // Said at once; the other files are still checked, and the exit code is 2.
      process.stderr.write(`committee-report: cannot read ${display(file, cwd)}: ${e instanceof Error ? e.message : String(e)}\n`);
      unreadable++;
      continue;
    }
    const opts = { profiles: settings.profiles, config: settings.config, appendixFiles: appendixFilesBeside(file), ...packs.optionsFor(file), ...(options.today ? { today: options.today } : {}) };
    let result;
    if (options.fix) {
      const fixed = fixReport(text, opts);
      if (fixed.text !== text) writeFileSync(file, fixed.text);
      result = fixed.result;
    } else {
      result = checkReport(text, opts);
    }
    results.push({ file: display(file, cwd), findings: result.findings });
    // A rule that failed is reported as a finding; the check is incomplete.
    if (result.ruleErrors.length > 0) internalError = true;
  }
  for (const m of packs.manifestFindings()) results.push({ file: display(m.file, cwd), findings: m.findings });
  const out =
    options.format === 'json'
      ? JSON.stringify(toJson(results), null, 2)
      : options.format === 'sarif'
        ? JSON.stringify(toSarif(results, VERSION), null, 2)
        : toText(results, options.color);
  process.stdout.write(out + '\n');
  if (unreadable > 0) process.stderr.write(`committee-report: ${unreadable} file${unreadable === 1 ? '' : 's'} could not be read (see above).\n`);
  if (configError || internalError || unreadable > 0) return 2;
  return results.some((r) => r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

