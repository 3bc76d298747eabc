import { baseName } from '../paths.js';
import { addTo } from '../text.js';
import { definePackRule } from './define.js';
import { normaliseName } from './members.js';
import { perPack } from './pack.js';
import type { PackInfo, PackOfficer } from './types.js';

const DETAILS = [
  ['phone', 'phone number'],
  ['email', 'e-mail address'],
  ['role', 'role'],
] as const;

function same(kind: 'phone' | 'email' | 'role', a: string, b: string): boolean {
  if (kind === 'role') return a.toLowerCase().replace(/[^a-z]+/g, ' ').trim() === b.toLowerCase().replace(/[^a-z]+/g, ' ').trim();
  if (kind === 'phone') return digits(a) === digits(b);
  return a.toLowerCase() === b.toLowerCase();
}

/** A UK number's digits, national form (`+44 (0)116 …` → `0116…`). */
function digits(phone: string): string {
  const d = phone.replace(/\(0\)/, '').replace(/\D+/g, '');
  return d.startsWith('44') && phone.trim().startsWith('+') ? `0${d.slice(2)}` : d.startsWith('0044') ? `0${d.slice(4)}` : d;
}

const byName = new WeakMap<PackInfo, Map<string, { file: string; officer: PackOfficer }[]>>();

/** Every officer the pack's reports name, by name, in the members' order. */
function officersByName(info: PackInfo): Map<string, { file: string; officer: PackOfficer }[]> {
  return perPack(byName, info, () => {
    const out = new Map<string, { file: string; officer: PackOfficer }[]>();
    for (const m of info.members) for (const o of m.officers) addTo(out, normaliseName(o.name), { file: m.file, officer: o });
    return out;
  });
}

export const officerDetails = definePackRule({
  id: 'pack/officer-details',
  title: 'Same officer, different contact details in the pack',
  defaultSeverity: 'warning',
  fixable: false,
  docs: {
    why: 'Members and the public contact officers from the agenda pack. When one officer has two phone numbers, e-mail addresses or job titles in the same pack, at least one is wrong, and readers cannot tell which. Officers are matched by name across the reports of the pack.',
    bad: '# in another report of the pack: Jane Moore, Director of Children and Family Services, Tel: 0116 305 2649\n## Officer to Contact\n\nJane Moore, Director of Children and Family Services  \nTel: 0116 305 5479',
    good: '# in another report of the pack: Jane Moore, Director of Children and Family Services, Tel: 0116 305 2649\n## Officer to Contact\n\nJane Moore, Director of Children and Family Services  \nTel: 0116 305 2649',
  },
  packCheck(self, pack, report) {
    const named = officersByName(pack.info);
    if (named.size === 0) return;
    for (const o of self.officers) {
      const theirs = named.get(normaliseName(o.name));
      if (!theirs) continue;
      for (const [kind, words] of DETAILS) {
        const mine = o[kind];
        if (!mine) continue;
        const differ = theirs.find((t) => t.file !== pack.file && t.officer[kind] !== undefined && !same(kind, mine.value, t.officer[kind]!));
        if (!differ) continue;
        const file = baseName(differ.file);
        report({ message: `${o.name}'s ${words} here is ${mine.shown}, but ${file} gives ${differ.officer[kind]}: one of them is wrong.`, range: mine.range });
      }
    }
  },
});
