import { readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import type { FileSystem } from '../core/workspace.js';

/** The real disk, for the CLI and as the language server's fallback. */
export const nodeFileSystem: FileSystem = {
  readFile(path: string): string | undefined {
    try {
      if (!statSync(path).isFile()) return undefined;
      return readFileSync(path, 'utf8');
    } catch {
      return undefined;
    }
  },
};

/** The file's status, following links; undefined when there is nothing (or no access). */
export function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The path with every link resolved, or the path itself when it cannot be resolved. */
export function realPathOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
