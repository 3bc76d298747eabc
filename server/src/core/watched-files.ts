import { CONFIG_FILE_NAMES, MANIFEST_NAMES } from './file-names.js';
import { baseName, dirnameOf } from './paths.js';

/** A file (or a folder) the editor saw created, changed or deleted on disk (absolute, `/`-separated path). */
export interface WatchedChange {
  path: string;
  kind: 'created' | 'changed' | 'deleted';
}

/** What a batch of changes on disk makes stale. */
export interface WatchedInvalidation {
  /** A config file or a profile file a config names changed: settings are read again and every report is checked again. */
  settings: boolean;
  /** Folders whose agenda pack may be different: its manifest, or a report in it, changed (sorted, each once). */
  packFolders: string[];
}

/**
 * Sorts changes on disk into what they invalidate. Config files are known by name, profile
 * files by `settingsFiles` (the ones the configs in force name). A pack manifest, or a
 * Markdown file that may be one of a pack's reports, invalidates its folder's pack: its
 * members, its committee and date, its manifest's findings. A folder with no manifest
 * (`hasManifest`: on disk, or known to have had one) is no pack: its reports' changes are
 * left out. A report open in the editor (`openFiles`) and changed on disk was saved: its
 * facts in the pack are those of its text in the editor, which the save did not change, so
 * it makes nothing stale (its creation or deletion does: the folder's list of reports changes).
 * A deleted folder (editors may name it alone, not the files in it) makes stale every
 * folder in `knownDirs` inside it, and the settings when a profile file was in it.
 */
export function classifyWatchedFiles(
  changes: readonly WatchedChange[],
  known: { settingsFiles: ReadonlySet<string>; openFiles: ReadonlySet<string>; hasManifest: (dir: string) => boolean; knownDirs?: ReadonlySet<string> },
): WatchedInvalidation {
  let settings = false;
  const stale = new Set<string>();
  for (const { path, kind } of changes) {
    const name = baseName(path);
    if (kind === 'deleted') {
      const inside = (p: string): boolean => p.startsWith(path + '/');
      for (const dir of known.knownDirs ?? []) if (dir === path || inside(dir)) stale.add(dir);
      for (const f of known.settingsFiles) if (inside(f)) settings = true;
    }
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || known.settingsFiles.has(path)) settings = true;
    else if (MANIFEST_NAMES.includes(name)) stale.add(dirnameOf(path));
    else if (!/\.md$/i.test(name) || !known.hasManifest(dirnameOf(path))) continue;
    else if (kind === 'changed' && known.openFiles.has(path)) continue;
    else stale.add(dirnameOf(path));
  }
  return { settings, packFolders: [...stale].sort() };
}
