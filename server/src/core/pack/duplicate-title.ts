import { baseName } from '../paths.js';
import { addTo } from '../text.js';
import { definePackRule } from './define.js';
import { packWork } from './members.js';
import { perPack } from './pack.js';
import type { PackInfo, PackMember } from './types.js';

function norm(s: string): string {
  packWork.compared++;
  return s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

const byTitles = new WeakMap<PackInfo, Map<string, PackMember[]>>();

/** The pack's members by their titles' words, in the members' order. */
function byTitle(info: PackInfo): Map<string, PackMember[]> {
  return perPack(byTitles, info, () => {
    const out = new Map<string, PackMember[]>();
    for (const m of info.members) if (m.title) addTo(out, norm(m.title), m);
    return out;
  });
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
    const other = byTitle(pack.info)
      .get(mine)
      ?.find((m) => m.file !== pack.file);
    if (!other) return;
    report({ message: `${baseName(other.file)} in the same pack has this title too.`, range: title.range });
  },
});
