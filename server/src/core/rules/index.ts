import type { RuleDefinition } from './define.js';
import { notText } from './structure-not-text.js';
import { beyondLimits } from './structure-beyond-limits.js';
import { missingTitle } from './structure-missing-title.js';
import { requiredSection } from './structure-required-section.js';
import { sectionOrder } from './structure-section-order.js';
import { headingWording } from './structure-heading-wording.js';
import { headingStyle } from './structure-heading-style.js';
import { emptySection } from './structure-empty-section.js';
import { unansweredQuestion } from './structure-unanswered-question.js';
import { templatePrompt } from './structure-template-prompt.js';
import { keyDecisionReason } from './structure-key-decision-reason.js';
import { privateReportReason } from './structure-private-report-reason.js';
import { frontMatterSyntax } from './metadata-front-matter-syntax.js';
import { unknownTemplate } from './metadata-unknown-template.js';
import { missingKey } from './metadata-missing-key.js';
import { unknownKey } from './metadata-unknown-key.js';
import { valueType } from './metadata-value-type.js';
import { conditionalKey } from './metadata-conditional-key.js';
import { SIGNOFF_RULES } from './signoff.js';
import { NUMBERING_RULES } from './numbering.js';
import { CONTACT_RULES } from './contact.js';
import { LINK_RULES } from './link.js';
import { DATE_RULES } from './date.js';
import { ACRONYM_RULES } from './acronym.js';
import { CROSSREF_RULES } from '../crossref/rules.js';
import { PACK_RULES } from '../pack/rules.js';
import { PROSE_RULES } from '../prose/index.js';

/** Every rule, in the order findings are documented. Add new rules here. */
export const RULES: readonly RuleDefinition[] = [
  notText,
  beyondLimits,
  missingTitle,
  requiredSection,
  sectionOrder,
  headingWording,
  headingStyle,
  emptySection,
  unansweredQuestion,
  templatePrompt,
  keyDecisionReason,
  privateReportReason,
  frontMatterSyntax,
  unknownTemplate,
  missingKey,
  unknownKey,
  valueType,
  conditionalKey,
  ...SIGNOFF_RULES,
  ...NUMBERING_RULES,
  ...CONTACT_RULES,
  ...LINK_RULES,
  ...DATE_RULES,
  ...ACRONYM_RULES,
  ...CROSSREF_RULES,
  ...PACK_RULES,
  ...PROSE_RULES,
] as RuleDefinition[];

export function ruleById(id: string): RuleDefinition | undefined {
  return RULES.find((r) => r.id === id);
}
