import type { RuleDefinition } from '../rules/define.js';
import { unknownCommittee } from './unknown-committee.js';
import { packCommittee } from './committee.js';
import { packMeetingDate } from './meeting-date.js';
import { officerDetails } from './officer-details.js';
import { duplicateTitle } from './duplicate-title.js';
import { agendaItem } from './agenda-item.js';
import { missingItem } from './missing-item.js';
import { manifestProblem } from './manifest-problem.js';

/**
 * The agenda-pack rules, registered in rules/index.ts. All but unknown-committee need the
 * pack (CheckOptions.pack); missing-item and manifest report on the manifest (run.ts).
 */
export const PACK_RULES: readonly RuleDefinition[] = [unknownCommittee, packCommittee, packMeetingDate, officerDetails, duplicateTitle, agendaItem, missingItem, manifestProblem] as RuleDefinition[];
