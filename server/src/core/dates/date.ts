import type { RuleDefinition } from '../rules/define.js';
import { impossibleDate } from './date-impossible.js';
import { weekdayMismatch } from './date-weekday-mismatch.js';
import { missingYear } from './date-missing-year.js';
import { meetingDate } from './date-meeting-date.js';
import { signoffWindow } from './date-signoff-window.js';
import { quarterMismatch } from './date-quarter-mismatch.js';
import { houseStyle } from './date-house-style.js';

/** The date rules, registered in index.ts. They share one date scan per model (dates/find.ts). */
export const DATE_RULES: readonly RuleDefinition[] = [
  impossibleDate,
  weekdayMismatch,
  missingYear,
  meetingDate,
  signoffWindow,
  quarterMismatch,
  houseStyle,
] as RuleDefinition[];
