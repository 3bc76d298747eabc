import type { RuleDefinition } from './define.js';

/** The link rules, registered in index.ts. */
export const LINK_RULES: readonly RuleDefinition[] = [];
