import type { RuleDefinition } from '../rules/define.js';
import { emptyTarget } from './link-empty-target.js';
import { malformedUrl } from './link-malformed-url.js';

/** The link rules, registered in index.ts. */
export const LINK_RULES: readonly RuleDefinition[] = [emptyTarget, malformedUrl] as RuleDefinition[];
