import type { RuleDefinition } from './define.js';

/** The numbering rules, registered in index.ts. */
export const NUMBERING_RULES: readonly RuleDefinition[] = [];
