/**
 * Data shapes shared by the whole language service. They mirror the LSP shapes
 * (0-based lines, UTF-16 columns) so the adapter can pass them through unchanged,
 * but this module imports nothing from the editor or the protocol.
 */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type RuleCategory =
  | 'structure'
  | 'metadata'
  | 'signoff'
  | 'date'
  | 'acronym'
  | 'numbering'
  | 'contact'
  | 'link'
  | 'prose'
  | 'crossref'
  | 'pack';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix is plain data: a title and the edits that carry it out. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /**
   * Safe fixes are applied by `--fix` and fix-all; the others are offered only as
   * quick fixes the user picks one at a time (e.g. guesses at a nearest key).
   */
  safe: boolean;
  /**
   * The edits' newText is a snippet (`${1:Full name}` placeholders): the editor inserts
   * it as a snippet; the CLI never applies it.
   */
  snippet?: boolean;
}

export interface RelatedLocation {
  range: Range;
  message: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  related?: RelatedLocation[];
}

/**
 * What an edit left as it was: inputs compared with those of the session's previous
 * check (of model number `since`). `has(key)` says that what a rule reports under `key`
 * (see `RuleContext.keyed`) would be the same now: same places, same words.
 */
export interface Unchanged {
  since: number;
  has(key: string | object): boolean;
}
