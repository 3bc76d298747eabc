import { findConfigFile, loadWorkspaceSettings, type FileSystem, type WorkspaceSettings } from '../core/workspace.js';

/**
 * The settings in force for each folder of a run, loaded once per config file rather than
 * once per folder: a folder's settings are those of the nearest config file at or above
 * it (or the defaults when there is none), so the fifty packs of a year under one config
 * file, or under none, share one load (and the caches that rules keep for a config). The
 * search for the config file still runs for every folder, through `fs`, so a run record
 * (run-record.ts) sees every file whose appearance would change the settings.
 */
export class SettingsByFolder {
  private readonly byDir = new Map<string, WorkspaceSettings>();
  private readonly byConfig = new Map<string, WorkspaceSettings>();
  /** Settings loaded (for tests: once per config file, and once for none). */
  loads = 0;

  constructor(private readonly fs: FileSystem) {}

  get(dir: string): WorkspaceSettings {
    let s = this.byDir.get(dir);
    if (!s) {
      const key = findConfigFile(this.fs, dir) ?? '';
      s = this.byConfig.get(key);
      if (!s) {
        this.loads++;
        this.byConfig.set(key, (s = loadWorkspaceSettings(this.fs, dir)));
      }
      this.byDir.set(dir, s);
    }
    return s;
  }
}
