import type { RuleDefinition } from '../rules/define.js';
import { paragraphReference } from './paragraph.js';
import { sectionReference } from './section.js';
import { appendixReference } from './appendix.js';
import { tableFigureReference } from './table-figure.js';
import { appendixSummary } from './appendix-summary.js';

/** The cross-reference rules, registered in rules/index.ts. They share one analysis per check (analysis.ts). */
export const CROSSREF_RULES: readonly RuleDefinition[] = [paragraphReference, sectionReference, appendixReference, tableFigureReference, appendixSummary] as RuleDefinition[];
