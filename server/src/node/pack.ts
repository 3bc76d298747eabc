import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { analyseReport } from '../core/check.js';
import { isReportFile } from '../core/report-files.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import { MANIFEST_NAMES } from '../core/file-names.js';
import { buildPack, packMember, readManifest, type PackInfo, type PackManifest, type PackMember } from '../core/pack/index.js';

/**
 * Agenda packs on disk: a folder with a pack manifest (`pack.yaml`) is a pack of the
 * reports directly in it (docs/report-format.md). Each folder is read once per `Packs`
 * (the CLI makes one per run; the server keeps one and forgets a folder after `ttlMs`).
 */
export class Packs {
  protected readonly byDir = new Map<string, { at: number; info: PackInfo | undefined }>();
  /** Each report's summary with the text it was made from: an unchanged report is not analysed again. */
  private readonly members = new Map<string, { text: string; member: PackMember }>();

  constructor(
    private readonly settingsFor: (file: string) => WorkspaceSettings,
    /** The text of a file: an open editor's buffer first, then the disk. */
    protected readonly readText: (file: string) => string | undefined = readOrUndefined,
    private readonly ttlMs = Infinity,
  ) {}

  /** The pack a report is in, or undefined when its folder has no manifest. */
  packOf(file: string): PackInfo | undefined {
    const dir = dirname(file);
    const now = Date.now();
    const hit = this.byDir.get(dir);
    if (hit && now - hit.at < this.ttlMs) return hit.info;
    const info = this.read(dir, true);
    if (this.byDir.size > 100) this.byDir.clear();
    this.byDir.set(dir, { at: now, info });
    return info;
  }

  /** Forgets the folders read (all, or these: a manifest or a report in them changed on disk); the next `packOf` reads them again. */
  forgetFolders(dirs?: readonly string[]): void {
    if (!dirs) this.byDir.clear();
    else for (const dir of dirs) this.byDir.delete(dir);
  }

  /** The pack of a folder read now, with or without a manifest (export of a folder of reports). */
  folder(dir: string): PackInfo | undefined {
    return this.read(dir, false);
  }

  /** A report's facts for its pack, from its text; undefined when it cannot be read or is not text. */
  protected memberOf(file: string): PackMember | undefined {
    const text = this.readText(file);
    if (text === undefined || text.includes('\u0000')) return undefined;
    const kept = this.members.get(file);
    if (kept && kept.text === text) return kept.member;
    const settings = this.settingsFor(file);
    const a = analyseReport(text, settings.profiles, settings.config);
    const member = packMember(file, a.model, a.profile, a.match);
    if (this.members.size > 2000) this.members.clear();
    this.members.set(file, { text, member });
    return member;
  }

  private read(dir: string, needManifest: boolean): PackInfo | undefined {
    const folder = packFolder(dir, needManifest, this.readText);
    if (!folder) return undefined;
    const members: PackMember[] = [];
    for (const file of folder.reports) {
      const member = this.memberOf(file);
      if (member) members.push(member);
    }
    return buildPack(dir, folder.manifest, members);
  }
}

/**
 * A folder as an agenda pack: its manifest (read), and the report files directly in it,
 * in name order; undefined when it cannot be listed, or has no manifest and `needManifest`.
 * A report whose text holds NUL bytes is not a member (its caller reads the texts).
 */
export function packFolder(dir: string, needManifest: boolean, readText: (file: string) => string | undefined = readOrUndefined): { manifest?: PackManifest; reports: string[] } | undefined {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return undefined;
  }
  const manifestName = MANIFEST_NAMES.find((n) => names.includes(n));
  if (!manifestName && needManifest) return undefined;
  const reports = names.map((name) => join(dir, name)).filter((file) => isReportFile(file, () => (readText(file) ?? '').slice(0, 4096)));
  if (!manifestName) return { reports };
  const manifestFile = join(dir, manifestName);
  return { manifest: readManifest(manifestFile, readText(manifestFile) ?? ''), reports };
}

function readOrUndefined(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
