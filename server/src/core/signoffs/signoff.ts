import type { RuleDefinition } from '../rules/define.js';
import { signoffMissing } from './signoff-missing.js';
import { signoffMissingDate } from './signoff-missing-date.js';
import { signoffMissingName } from './signoff-missing-name.js';
import { signoffMissingRole } from './signoff-missing-role.js';
import { signoffLayout } from './signoff-layout.js';
import { signoffEmpty } from './signoff-empty.js';
import { signoffUnsignedImplications } from './signoff-unsigned-implications.js';

/** The signoff rules, registered in index.ts. */
export const SIGNOFF_RULES: readonly RuleDefinition[] = [
  signoffMissing,
  signoffMissingDate,
  signoffMissingName,
  signoffMissingRole,
  signoffLayout,
  signoffEmpty,
  signoffUnsignedImplications,
] as RuleDefinition[];
