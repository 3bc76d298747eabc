import type { RuleDefinition } from './define.js';

/** The acronym rules, registered in index.ts. */
export const ACRONYM_RULES: readonly RuleDefinition[] = [];
