import { CONFIG_FILE_NAMES, MANIFEST_NAMES } from './file-names.js';
import { baseName, dirnameOf } from './paths.js';

/** A file the editor saw created, changed or deleted on disk (absolute, `/`-separated path). */
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
  /**
   * Open reports saved whose own results stay as they are (sorted): their folder's pack
   * changed only through them, and a report's pack findings never read its own entry.
   */
  unchanged: string[];
}

/**
 * Sorts changes on disk into what they invalidate. Config files are known by name, profile
 * files by `settingsFiles` (the ones the configs in force name). A pack manifest, or a
 * Markdown file that may be one of a pack's reports, invalidates its folder's pack: its
 * members, its committee and date, its manifest's findings. A folder with no manifest
 * (`hasManifest`) is no pack: its reports' changes are left out. A report open in the editor
 * (`openFiles`) and changed on disk was saved: the server reads its buffer, so the other
 * reports of its pack are brought up to date with it (their last check may have read an
 * older buffer), but it is not checked again for it (`unchanged`).
 */
export function classifyWatchedFiles(
  changes: readonly WatchedChange[],
  known: { settingsFiles: ReadonlySet<string>; openFiles: ReadonlySet<string>; hasManifest: (dir: string) => boolean },
): WatchedInvalidation {
  let settings = false;
  const stale = new Set<string>();
  const saved = new Set<string>();
  for (const { path, kind } of changes) {
    const name = baseName(path);
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || known.settingsFiles.has(path)) settings = true;
    else if (MANIFEST_NAMES.includes(name)) stale.add(dirnameOf(path));
    else if (!/\.md$/i.test(name) || !known.hasManifest(dirnameOf(path))) continue;
    else if (kind === 'changed' && known.openFiles.has(path)) saved.add(path);
    else stale.add(dirnameOf(path));
  }
  const folders = new Set([...stale, ...[...saved].map(dirnameOf)]);
  return { settings, packFolders: [...folders].sort(), unchanged: [...saved].filter((p) => !stale.has(dirnameOf(p))).sort() };
}
