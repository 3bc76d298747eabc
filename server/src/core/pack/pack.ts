import { baseName } from '../paths.js';
import { meetingDateOf } from './members.js';
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
    stem = baseName(file).replace(/(\.report)?\.md$/i, '');
    if (stems.size > 5000) stems.clear();
    stems.set(file, stem);
  }
  return stem;
}

/** Whether a report file is the manifest item `name`: its name, or its name followed by `-v2`, `_final`, `.draft`... */
export function isItem(file: string, item: PackItem): boolean {
  const stem = stemOf(file).toLowerCase();
  const name = item.name.toLowerCase();
  return stem === name || (stem.startsWith(name) && /[-_. ]/.test(stem[name.length]!));
}

/** The manifest item a report is (its index in agenda order), or -1. */
export function itemOf(info: PackInfo, file: string): number {
  return info.manifest ? info.manifest.items.findIndex((it) => isItem(file, it)) : -1;
}
