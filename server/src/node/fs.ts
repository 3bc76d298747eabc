import { readFileSync, statSync } from 'node:fs';
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
