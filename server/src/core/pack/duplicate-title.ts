import { baseName } from '../paths.js';
import { definePackRule } from './define.js';

function norm(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

export const duplicateTitle = definePackRule({
  id: 'pack/duplicate-title',
  title: 'Two reports in the pack have the same title',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'Agenda items are found by their titles. Two reports with one title in a pack are usually two versions of the same report (one of which should go), or a copied report whose title was never changed.',
    bad: '# in another report of the pack: # Families First Programme\n# Families First Programme',
    good: '# in another report of the pack: # Families First Programme\n# Families First Programme: pilot evaluation',
  },
  packCheck(self, pack, report) {
    const title = self.title;
    if (!title) return;
    const mine = norm(title.value);
    if (!mine) return;
    const other = pack.info.members.find((m) => m.file !== pack.file && m.title && norm(m.title) === mine);
    if (!other) return;
    report({ message: `${baseName(other.file)} in the same pack has this title too.`, range: title.range });
  },
});
