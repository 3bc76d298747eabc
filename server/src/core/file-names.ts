/**
 * Names of the files the checker reads beside the reports: the workspace config and the
 * agenda pack manifest. Plain data with no imports, so the language server's connection
 * thread (which must not load the checker, its YAML or its schemas) can watch them too.
 */

/** Workspace configuration: `.committee-reports.json` / `.yaml` at a folder's root. */
export const CONFIG_FILE_NAMES = ['.committee-reports.json', '.committee-reports.yaml', '.committee-reports.yml'] as const;

/** File names a folder's pack manifest may have; the first found is the manifest. */
export const MANIFEST_NAMES: readonly string[] = ['pack.yaml', 'pack.yml'];

