import type { RuleDefinition } from './define.js';

/** The date rules, registered in index.ts. */
export const DATE_RULES: readonly RuleDefinition[] = [];
