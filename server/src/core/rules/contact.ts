import type { RuleDefinition } from './define.js';

/** The contact rules, registered in index.ts. */
export const CONTACT_RULES: readonly RuleDefinition[] = [];
