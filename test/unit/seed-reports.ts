import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The real seed reports (test/seeds/*.report.md) in name order: file name and text. (A
 * module of its own: helpers.ts installs the dictionary, which not every test wants.)
 */
export function seedReports(): { name: string; text: string }[] {
  const dir = join(import.meta.dirname, '..', 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.report.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
}
