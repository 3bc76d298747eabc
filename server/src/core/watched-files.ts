import { CONFIG_FILE_NAMES, MANIFEST_NAMES, baseName } from './file-names.js';
import { dirnameOf } from './paths.js';

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
}

/**
 * Sorts changes on disk into what they invalidate. Config files are known by name, profile
 * files by `settingsFiles` (the ones the configs in force name). A pack manifest, or a
 * Markdown file that may be one of a pack's reports, invalidates its folder's pack: its
 * members, its committee and date, its manifest's findings. A change to a report that is
 * open in the editor (`openFiles`) is left out: the server reads its buffer, not the disk;
 * its creation or deletion still counts, since a pack lists its members from the folder.
 */
export function classifyWatchedFiles(changes: readonly WatchedChange[], known: { settingsFiles: ReadonlySet<string>; openFiles: ReadonlySet<string> }): WatchedInvalidation {
  let settings = false;
  const folders = new Set<string>();
  for (const { path, kind } of changes) {
    const name = baseName(path);
    if ((CONFIG_FILE_NAMES as readonly string[]).includes(name) || known.settingsFiles.has(path)) settings = true;
    else if (MANIFEST_NAMES.includes(name)) folders.add(dirnameOf(path));
    else if (/\.md$/i.test(name) && !(kind === 'changed' && known.openFiles.has(path))) folders.add(dirnameOf(path));
  }
  return { settings, packFolders: [...folders].sort() };
}
