import { dirname } from 'node:path';
import { buildPack, type PackMember } from '../core/pack/index.js';
import { Packs } from '../node/pack.js';

/**
 * The agenda packs the editor's checks see: a folder with a pack manifest (`pack.yaml`)
 * is a pack of the reports directly in it, as on the command line, but the member facts
 * of a report open in the editor are those of its text there, saved or not: the facts
 * its last check found (`setOpen`), else its buffer's. A closed report's are its file's.
 * A folder is read again after `ttlMs`, or at once when told (`forgetFolders`).
 */
export class EditorPacks extends Packs {
  /** The facts of the open reports as their last check found them, by file. */
  private readonly open = new Map<string, { member: PackMember; key: string }>();

  /**
   * The facts of an open report, as its last check found them. Returns whether they differ
   * from those its pack had for it (then the pack, when read, is rebuilt with them at once,
   * without reading the folder again). Facts that are equal change nothing.
   */
  setOpen(file: string, member: PackMember, key = memberKey(member)): boolean {
    if (this.open.get(file)?.key === key) return false;
    this.open.set(file, { member, key });
    const hit = this.byDir.get(dirname(file));
    const info = hit?.info;
    if (!info) return true;
    const i = info.members.findIndex((m) => m.file === file);
    if (i < 0) return true;
    if (memberKey(info.members[i]!) === key) return false;
    const members = info.members.slice();
    members[i] = member;
    hit.info = buildPack(info.folder, info.manifest, members);
    return true;
  }

  /** A report was closed: its facts are its file's again (its folder is read again). Whether it had facts from a check. */
  closed(file: string): boolean {
    this.byDir.delete(dirname(file));
    return this.open.delete(file);
  }

  /** An open report's facts are those its last check found; the others' come from their text. */
  protected override memberOf(file: string): PackMember | undefined {
    return this.open.get(file)?.member ?? super.memberOf(file);
  }
}

/** A report's facts for its pack as a string: two are the same facts when their keys are equal. */
export function memberKey(member: PackMember): string {
  return JSON.stringify(member);
}
