import type { Plugin } from 'esbuild';

export declare const PATCHES: readonly { name: string; file: RegExp; find: RegExp; replace: string }[];
export declare function applyPatches(path: string, text: string): string;
export declare function dependencyPatches(): Plugin;
