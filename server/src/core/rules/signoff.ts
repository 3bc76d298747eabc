import type { RuleDefinition } from './define.js';

/** The signoff rules, registered in index.ts. */
export const SIGNOFF_RULES: readonly RuleDefinition[] = [];
