import { installDictionary } from '../node/dictionary.js';
import { exportCommand } from './export.js';
import { exportPackCommand } from './pack-export.js';
import { importCommand } from './import.js';

export { checkWordFile } from './import.js';

// The commands that convert a report, bundled apart from the checker (cli-convert.cjs):
// `export` and `export pack` (docx, the HTML renderer) and `import` (mammoth, jszip, the
// XML readers), about half of the CLI's code. `check` loads it only to read a Word file
// (convert-bundle.ts); `export` and `import` load it without the checker's bundle (entry.ts).

// Exporting checks the report first; the prose rules read the dictionary from disk.
installDictionary();

/** `committee-report export …`, `export pack …` or `import …`. */
export function main(argv: string[], cwd = process.cwd()): Promise<number> {
  if (argv[0] === 'import') return importCommand(argv.slice(1), cwd);
  return argv[1] === 'pack' ? exportPackCommand(argv.slice(2), cwd) : exportCommand(argv.slice(1), cwd);
}
