// Changes made to dependencies as they are bundled (scripts/build.mjs), each for a reason
// measured here and each to one exact place: a patch whose text is not found exactly once
// fails the build, so a new version of the dependency is looked at again, not patched blind.
import { readFile } from 'node:fs/promises';

/**
 * mdast-util-from-markdown turns each token into tree nodes by calling a handler with
 * `this` set to `{ ...context, sliceSerialize }`, a fresh object for every token. In V8 11.3
 * (Node 20) an object literal that spreads an object and then adds a key the object does
 * not have gets a hidden class of its own each time: every handler then reads `this.stack`
 * and the rest through megamorphic lookups, and V8 allocates a map for each token. With
 * `sliceSerialize` already on `context` (as undefined), the literal only overwrites a key
 * and all those objects share one hidden class. The objects the handlers see have the same
 * keys in the same order with the same values, so the trees are the same. Measured
 * 2026-12-05 on the 2-core machine, `check` of 1,000 reports, alternating: 8.78 s and 17.1 s
 * of CPU against 9.91 s and 19.3 s.
 */
export const PATCHES = [
  {
    name: "mdast-util-from-markdown: sliceSerialize on the compile context",
    file: /[\\/]mdast-util-from-markdown[\\/]lib[\\/]index\.js$/,
    find: /(const context = \{\s*stack: \[tree\],\s*tokenStack: \[\],\s*config,\s*enter,\s*exit,\s*buffer,\s*resume,\s*data)(\s*\};)/g,
    replace: '$1,\n      sliceSerialize: undefined$2',
  },
];

/** `text` (the file at `path`) with the patches for it applied; throws when a patch for the file does not match exactly once. */
export function applyPatches(path, text) {
  let out = text;
  for (const p of PATCHES) {
    if (!p.file.test(path)) continue;
    const found = out.match(p.find)?.length ?? 0;
    if (found !== 1) throw new Error(`${p.name}: expected the patched text once in ${path}, found it ${found} times (has the dependency changed?)`);
    out = out.replace(p.find, p.replace);
  }
  return out;
}

/** An esbuild plugin applying `PATCHES` to the files they name. */
export function dependencyPatches() {
  return {
    name: 'dependency-patches',
    setup(build) {
      for (const p of PATCHES) {
        build.onLoad({ filter: p.file }, async (args) => ({ contents: applyPatches(args.path, await readFile(args.path, 'utf8')), loader: 'js' }));
      }
    },
  };
}
