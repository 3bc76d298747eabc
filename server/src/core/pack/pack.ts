import { reportStem } from '../paths.js';
import { addTo } from '../text.js';
import { meetingDateOf, packWork } from './members.js';
import type { PackInfo, PackItem, PackManifest, PackMember } from './types.js';

/** The value most members give (the first of equals in file order), or undefined. */
function most<T>(values: (T | undefined)[]): T | undefined {
  const counts = new Map<T, number>();
  let best: T | undefined;
  for (const v of values) {
    if (v === undefined) continue;
    const n = (counts.get(v) ?? 0) + 1;
    counts.set(v, n);
    if (best === undefined || n > counts.get(best)!) best = v;
  }
  return best;
}

/** The pack from its members and manifest: the meeting is the manifest's, else the reports' majority. */
export function buildPack(folder: string, manifest: PackManifest | undefined, members: PackMember[]): PackInfo {
  const info: PackInfo = { folder, members, source: manifest?.committee || manifest?.meetingDate ? 'manifest' : 'reports' };
  if (manifest) info.manifest = manifest;
  const committee = manifest?.committee ?? most(members.map((m) => m.committee));
  if (committee) info.committee = committee;
  if (manifest?.meetingDate) {
    info.meetingDateText = manifest.meetingDate;
    const iso = meetingDateOf(manifest.meetingDate);
    if (iso) info.meetingDate = iso;
  } else {
    const iso = most(members.map((m) => m.meetingDate));
    if (iso) {
      info.meetingDate = iso;
      info.meetingDateText = members.find((m) => m.meetingDate === iso)!.meetingDateText!;
    }
  }
  return info;
}

const stems = new Map<string, string>();

/** A report file's name without its folder and `.report.md` (remembered: every report of a pack asks for every member's). */
export function stemOf(file: string): string {
  let stem = stems.get(file);
  if (stem === undefined) {
    stem = reportStem(file);
    if (stems.size > 5000) stems.clear();
    stems.set(file, stem);
  }
  return stem;
}

/**
 * What a pack's members decide for one rule, worked out once per pack and kept with it (a
 * pack's info is not changed once built: `buildPack` makes a new one). Every report of a
 * pack is checked against all the others: each asking the members again made checking a
 * pack of n reports cost n².
 */
export function perPack<T>(memo: WeakMap<PackInfo, T>, info: PackInfo, make: (info: PackInfo) => T): T {
  let value = memo.get(info);
  if (value === undefined) memo.set(info, (value = make(info)));
  return value;
}

/** What may follow an item's name in the name of its report file (`hnb-plan-v2`, `hnb-plan_final`). */
const ITEM_SEPARATOR = /[-_. ]/;

/** Whether a report file is the manifest item `name`: its name, or its name followed by `-v2`, `_final`, `.draft`... */
export function isItem(file: string, item: PackItem): boolean {
  packWork.compared++;
  const stem = stemOf(file).toLowerCase();
  const name = item.name.toLowerCase();
  return stem === name || (stem.startsWith(name) && ITEM_SEPARATOR.test(stem[name.length]!));
}

/** The manifest items (indices, in agenda order) a report file is: see `isItem`. */
function itemsOfFile(file: string, byName: ReadonlyMap<string, number[]>): number[] {
  packWork.compared++;
  const stem = stemOf(file).toLowerCase();
  // An item's name is the whole stem, or the part of it before a separator.
  const out = [...(byName.get(stem) ?? [])];
  for (let p = 0; p < stem.length; p++) {
    if (ITEM_SEPARATOR.test(stem[p]!)) for (const i of byName.get(stem.slice(0, p)) ?? []) out.push(i);
  }
  return out.sort((a, b) => a - b);
}

export interface PackItems {
  /** Each manifest item's reports, in the members' order. */
  byItem: PackMember[][];
  /** Each member's first item (its index in agenda order), or -1. */
  first: Map<string, number>;
}

const itemIndexes = new WeakMap<PackInfo, PackItems>();

/** Which manifest items the pack's members are (see `isItem`), worked out once per pack. */
export function packItems(info: PackInfo): PackItems {
  return perPack(itemIndexes, info, () => {
    const items = info.manifest?.items ?? [];
    const byName = new Map<string, number[]>();
    items.forEach((it, i) => addTo(byName, it.name.toLowerCase(), i));
    const byItem = items.map((): PackMember[] => []);
    const first = new Map<string, number>();
    for (const m of info.members) {
      const mine = itemsOfFile(m.file, byName);
      first.set(m.file, mine[0] ?? -1);
      for (const i of mine) byItem[i]!.push(m);
    }
    return { byItem, first };
  });
}

/** The manifest item a report is (its index in agenda order), or -1. */
export function itemOf(info: PackInfo, file: string): number {
  if (!info.manifest) return -1;
  return packItems(info).first.get(file) ?? info.manifest.items.findIndex((it) => isItem(file, it));
}
