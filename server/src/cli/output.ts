import { lstatSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { realPathOrSelf, statOrUndefined } from '../node/fs.js';

/**
 * Why the output may not be written, if it may not: it is the report itself (by any path),
 * it is not a plain file (a folder, a FIFO that would block the write, a device), or it
 * exists and --force was not given.
 */
export function outputRefusal(args: { file: string; output: string; force: boolean }, shownOutput: string): string | undefined {
  let existing;
  try {
    existing = lstatSync(args.output);
  } catch {
    return undefined;
  }
  if (realPathOrSelf(args.output) === realPathOrSelf(args.file)) return `--output ${shownOutput} is the report itself; choose another file`;
  const target = existing.isSymbolicLink() ? statOrUndefined(args.output) : existing;
  if (target && !target.isFile()) return `${shownOutput} exists and is not a plain file; not written`;
  if (!args.force) return `${shownOutput} exists; add --force to replace it`;
  return undefined;
}

/**
 * Writes a whole file or nothing: a temporary file beside it, then a rename over it (over
 * the file a link points at, so that the link stays a link).
 */
export function writeWhole(output: string, bytes: Uint8Array | string): void {
  const path = realPathOrSelf(output);
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, bytes, { flag: 'wx' });
    renameSync(temp, path);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}

export function posix(p: string): string {
  return p.split(sep).join('/');
}

/** A path as shown in messages: relative to the working folder when inside it. */
export function display(file: string, cwd: string): string {
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : posix(rel);
}
