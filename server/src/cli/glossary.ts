import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { buildModel } from '../core/model.js';
import { buildGlossarySection, glossarySectionEdit } from '../core/acronyms/index.js';
import { applyEdits } from '../core/fix.js';
import { loadWorkspaceSettings } from '../core/workspace.js';
import { nodeFileSystem } from '../node/fs.js';
import { parseCommandArgs } from './args.js';

/**
 * `committee-report glossary FILE [--write]`: the report's "Acronyms" section, built
 * from the acronyms it uses (expansions from the report, the workspace glossary and the
 * council glossary). Printed, or with --write put into the file: an existing
 * Acronyms/Glossary section is replaced, else one is added before the appendices.
 */
export function glossaryCommand(argv: string[], cwd: string): number {
  let values;
  let positionals;
  try {
    ({ values, positionals } = parseCommandArgs(argv, { write: { type: 'boolean', default: false } }));
  } catch (e) {
    process.stderr.write(`committee-report glossary: ${e instanceof Error ? e.message : String(e)}\n`);
    return 2;
  }
  if (positionals.length !== 1) {
    process.stderr.write('Usage: committee-report glossary FILE [--write]\n');
    return 2;
  }
  const file = resolve(cwd, positionals[0]!);
  if (!existsSync(file)) {
    process.stderr.write(`committee-report glossary: no such file: ${positionals[0]}\n`);
    return 2;
  }
  const text = readFileSync(file, 'utf8');
  const { config } = loadWorkspaceSettings(nodeFileSystem, dirname(file).split('\\').join('/'));
  const model = buildModel(text);
  if (!values.write) {
    process.stdout.write(buildGlossarySection(model, config) + '\n');
    return 0;
  }
  const edit = glossarySectionEdit(model, config);
  const next = applyEdits(text, [edit]);
  if (next !== text) writeFileSync(file, next);
  process.stdout.write(`Wrote the Acronyms section of ${positionals[0]}.\n`);
  return 0;
}
