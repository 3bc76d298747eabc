import { dirname } from 'node:path';
import { analyseReport } from '../core/check.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import { buildPack, packMember, type PackInfo, type PackMember } from '../core/pack/index.js';
import { packFolder } from '../node/pack.js';

/**
 * The agenda packs the editor's checks see: a folder with a pack manifest (`pack.yaml`)
 * is a pack of the reports directly in it, as on the command line, but the member facts
 * of a report open in the editor are those of its text there, saved or not: the facts
 * its last check found (`setOpen`), else its buffer's. A closed report's are its file's.
 * A folder is read again after `ttlMs`, or at once when told (`forgetFolders`).
 */
export class EditorPacks {
  private readonly byDir = new Map<string, { at: number; info: PackInfo | undefined }>();
  /** Each closed report's (or unchecked open one's) facts with the text they were made from: an unchanged report is not analysed again. */
  private readonly members = new Map<string, { text: string; member: PackMember }>();
  /** The facts of the open reports as their last check found them, by file. */
  private readonly open = new Map<string, { member: PackMember; key: string }>();

  constructor(
    private readonly settingsFor: (file: string) => WorkspaceSettings,
    /** The text of a file: an open editor's buffer first, then the disk. */
    private readonly readText: (file: string) => string | undefined,
    private readonly ttlMs = Infinity,
  ) {}

  /** The pack a report is in, or undefined when its folder has no manifest. */
  packOf(file: string): PackInfo | undefined {
    const dir = dirname(file);
    const now = Date.now();
    const hit = this.byDir.get(dir);
    if (hit && now - hit.at < this.ttlMs) return hit.info;
    const info = this.read(dir);
    if (this.byDir.size > 100) this.byDir.clear();
    this.byDir.set(dir, { at: now, info });
    return info;
  }

  /** Forgets the folders read (all, or these); the next `packOf` reads them again. */
  forgetFolders(dirs?: readonly string[]): void {
    if (!dirs) this.byDir.clear();
    else for (const dir of dirs) this.byDir.delete(dir);
  }

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

  private read(dir: string): PackInfo | undefined {
    const folder = packFolder(dir, true, this.readText);
    if (!folder) return undefined;
    const members: PackMember[] = [];
    for (const file of folder.reports) {
      const open = this.open.get(file);
      if (open) {
        members.push(open.member);
        continue;
      }
      const text = this.readText(file);
      if (text === undefined || text.includes('\u0000')) continue;
      const kept = this.members.get(file);
      if (kept && kept.text === text) {
        members.push(kept.member);
        continue;
      }
      const settings = this.settingsFor(file);
      const a = analyseReport(text, settings.profiles, settings.config);
      const member = packMember(file, a.model, a.profile, a.match);
      if (this.members.size > 2000) this.members.clear();
      this.members.set(file, { text, member });
      members.push(member);
    }
    return buildPack(dir, folder.manifest, members);
  }
}

/** A report's facts for its pack as a string: two are the same facts when their keys are equal. */
export function memberKey(member: PackMember): string {
  return JSON.stringify(member);
}
