import { stripEnd } from './text.js';

/** Minimal POSIX-style path helpers (paths are absolute, `/`-separated). */
export function dirnameOf(p: string): string {
  const i = stripEnd(p, /\//).lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}

/** The part of a path after its last `/` or `\`. */
export function baseName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** A report file's name without its folder and `.report.md` (or `.md`). */
export function reportStem(path: string): string {
  return baseName(path).replace(/(\.report)?\.md$/i, '');
}

export function joinPath(dir: string, rel: string): string {
  if (rel.startsWith('/')) return normalise(rel);
  return normalise(`${stripEnd(dir, /\//)}/${rel}`);
}

function normalise(p: string): string {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return '/' + out.join('/');
}
