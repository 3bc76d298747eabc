import type { RuleDefinition } from '../rules/define.js';
import { numberingGap } from './numbering-gap.js';
import { numberingDuplicate } from './numbering-duplicate.js';
import { numberingRestart } from './numbering-restart.js';
import { numberingDepth } from './numbering-depth.js';
import { numberingSectionMismatch } from './numbering-section-mismatch.js';
import { numberingStyle } from './numbering-style.js';
import { numberingMissing } from './numbering-missing.js';
import { numberingUnnumbered } from './numbering-unnumbered.js';

/** The numbering rules, registered in index.ts. */
export const NUMBERING_RULES: readonly RuleDefinition[] = [
  numberingGap,
  numberingDuplicate,
  numberingRestart,
  numberingDepth,
  numberingSectionMismatch,
  numberingStyle,
  numberingMissing,
  numberingUnnumbered,
] as RuleDefinition[];
