import type { RuleDefinition } from './define.js';
import { notText } from '../structure/structure-not-text.js';
import { beyondLimits } from '../structure/structure-beyond-limits.js';
import { missingTitle } from '../structure/structure-missing-title.js';
import { requiredSection } from '../structure/structure-required-section.js';
import { sectionOrder } from '../structure/structure-section-order.js';
import { headingWording } from '../structure/structure-heading-wording.js';
import { headingStyle } from '../structure/structure-heading-style.js';
import { emptySection } from '../structure/structure-empty-section.js';
import { unansweredQuestion } from '../structure/structure-unanswered-question.js';
import { templatePrompt } from '../structure/structure-template-prompt.js';
import { keyDecisionReason } from '../structure/structure-key-decision-reason.js';
import { privateReportReason } from '../structure/structure-private-report-reason.js';
import { frontMatterSyntax } from '../metadata/metadata-front-matter-syntax.js';
import { unknownTemplate } from '../metadata/metadata-unknown-template.js';
import { missingKey } from '../metadata/metadata-missing-key.js';
import { unknownKey } from '../metadata/metadata-unknown-key.js';
import { valueType } from '../metadata/metadata-value-type.js';
import { conditionalKey } from '../metadata/metadata-conditional-key.js';
import { SIGNOFF_RULES } from '../signoffs/signoff.js';
import { NUMBERING_RULES } from '../numbering/numbering.js';
import { CONTACT_RULES } from '../contacts/contact.js';
import { LINK_RULES } from '../links/link.js';
import { DATE_RULES } from '../dates/date.js';
import { ACRONYM_RULES } from '../acronyms/acronym.js';
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
