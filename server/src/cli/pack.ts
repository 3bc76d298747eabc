import { Packs } from '../node/pack.js';
import { checkManifest, type PackContext, type PackInfo } from '../core/pack/index.js';
import type { WorkspaceSettings } from '../core/workspace.js';
import type { Finding } from '../core/types.js';

/**
 * The agenda packs of one `check` run: the pack each report is checked in, and the
 * findings on the packs' manifests (missing agenda items, manifest problems).
 */
export class CheckPacks {
  private readonly packs: Packs;
  private readonly seen = new Set<PackInfo>();

  constructor(settingsFor: (file: string) => WorkspaceSettings) {
    this.packs = new Packs(settingsFor);
  }

  /** Check options for a report: its pack, when its folder has a manifest. */
  optionsFor(file: string): { pack?: PackContext } {
    const info = this.packs.packOf(file);
    if (!info) return {};
    this.seen.add(info);
    return { pack: { info, file } };
  }

  /** Findings on the manifests of the packs met, by manifest file. */
  manifestFindings(): { file: string; findings: Finding[] }[] {
    const out: { file: string; findings: Finding[] }[] = [];
    for (const info of this.seen) {
      const findings = checkManifest(info);
      if (info.manifest && findings.length > 0) out.push({ file: info.manifest.file, findings });
    }
    return out;
  }
}
