import type { RuleDefinition } from '../rules/define.js';
import { acronymUndefined } from './acronym-undefined.js';
import { acronymUsedBeforeDefinition } from './acronym-used-before-definition.js';
import { acronymDuplicateDefinition } from './acronym-duplicate-definition.js';
import { acronymConflictingExpansion } from './acronym-conflicting-expansion.js';
import { acronymNonstandardExpansion } from './acronym-nonstandard-expansion.js';
import { acronymInitialsMismatch } from './acronym-initials-mismatch.js';
import { acronymUnusedDefinition } from './acronym-unused-definition.js';
import { acronymInconsistentCase } from './acronym-inconsistent-case.js';
import { acronymReorderedExpansion } from './acronym-reordered-expansion.js';

/** The acronym rules, registered in index.ts. */
export const ACRONYM_RULES: readonly RuleDefinition[] = [
  acronymUndefined,
  acronymUsedBeforeDefinition,
  acronymDuplicateDefinition,
  acronymConflictingExpansion,
  acronymNonstandardExpansion,
  acronymInitialsMismatch,
  acronymUnusedDefinition,
  acronymInconsistentCase,
  acronymReorderedExpansion,
] as RuleDefinition[];
