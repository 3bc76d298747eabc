import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImportWordParams, ImportWordResult } from './protocol.js';
import { uriToPath } from './uri.js';

/**
 * `committeeReports/importWord`: the Word importer is a bundle of its own (import.cjs,
 * mammoth and the XML readers), loaded on the first import, so the connection thread
 * starts as lean as before. Under tsx (tests) the source module is loaded instead.
 */

type Importer = { importForEditor: (path: string) => Promise<ImportWordResult> };
let importer: Promise<Importer> | undefined;

function load(): Promise<Importer> {
  const here = dirname(fileURLToPath(import.meta.url));
  const bundle = join(here, 'import.cjs');
  if (existsSync(bundle)) return Promise.resolve(createRequire(import.meta.url)(bundle) as Importer);
  // A variable specifier keeps esbuild from bundling the importer into the server.
  const source = '../node/import/editor.js';
  return import(source) as Promise<Importer>;
}

export async function importWord(p: ImportWordParams): Promise<ImportWordResult> {
  const path = uriToPath(p.uri);
  if (!path) return { notes: [], error: `Not a local file: ${p.uri}` };
  importer ??= load();
  return (await importer).importForEditor(path);
}
