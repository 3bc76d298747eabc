import { defaultConfig, readConfig, type ResolvedConfig } from './config.js';
import { CONFIG_FILE_NAMES } from './file-names.js';
import { ProfileRegistry, readProfileFile, type ProfileSource } from './templates/loader.js';
import type { DataProblem } from './datafile.js';
import { RULES } from './rules/index.js';
import { dirnameOf, joinPath } from './paths.js';

export { dirnameOf, joinPath } from './paths.js';

/**
 * What the service needs from a file system, so the core stays free of Node and
 * editor APIs: the CLI passes `fs`, the language server passes open editor buffers
 * first and the disk second, tests pass a map.
 */
export interface FileSystem {
  readFile(path: string): string | undefined;
}

export interface FileProblems {
  file: string;
  problems: DataProblem[];
}

export interface WorkspaceSettings {
  /** The config file in force, if any. */
  configFile?: string;
  config: ResolvedConfig;
  profiles: ProfileRegistry;
  /** Problems in the config file and profile files, by file. */
  problems: FileProblems[];
  /** Files read (for watching). */
  files: string[];
}

/** Finds the nearest config file at or above `dir`, not going above `root`. */
export function findConfigFile(fs: FileSystem, dir: string, root = '/'): string | undefined {
  let d = dir;
  for (;;) {
    for (const name of CONFIG_FILE_NAMES) {
      const candidate = joinPath(d, name);
      if (fs.readFile(candidate) !== undefined) return candidate;
    }
    if (d === root || d === '/' || !d.startsWith(root === '/' ? '/' : root)) return undefined;
    d = dirnameOf(d);
  }
}

/**
 * Loads the configuration in force for a folder: the config file, then the profile
 * files it names (each may extend a built-in or an earlier one). Bad files never
 * throw: their problems are returned and defaults are used for what is broken.
 */
export function loadWorkspaceSettings(fs: FileSystem, dir: string, root = '/'): WorkspaceSettings {
  const configFile = findConfigFile(fs, dir, root);
  if (!configFile) return { config: defaultConfig(RULES), profiles: new ProfileRegistry(), problems: [], files: [] };
  const problems: FileProblems[] = [];
  const { config, problems: configProblems, locate } = readConfig(fs.readFile(configFile) ?? '', RULES);
  if (configProblems.length > 0) problems.push({ file: configFile, problems: configProblems });
  const sources: ProfileSource[] = [];
  const files = [configFile];
  let registry = new ProfileRegistry();
  config.profiles.forEach((rel, i) => {
    const file = joinPath(dirnameOf(configFile), rel);
    files.push(file);
    const text = fs.readFile(file);
    if (text === undefined) {
      const problem = { message: `Profile file "${rel}" not found.`, path: `profiles[${i}]`, range: locate(['profiles', i]) };
      const existing = problems.find((p) => p.file === configFile);
      if (existing) existing.problems.push(problem);
      else problems.push({ file: configFile, problems: [problem] });
      return;
    }
    const r = readProfileFile(text, (id) => registry.get(id));
    if (r.problems.length > 0) problems.push({ file, problems: r.problems });
    if (r.profile) {
      sources.push({ origin: file, profile: r.profile });
      registry = new ProfileRegistry(sources);
    }
  });
  const settings: WorkspaceSettings = { configFile, config, profiles: registry, problems, files };
  return settings;
}
