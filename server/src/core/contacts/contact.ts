import type { RuleDefinition } from '../rules/define.js';
import { missingDetail } from './contact-missing-detail.js';
import { phoneFormat } from './contact-phone-format.js';
import { phoneStyle } from './contact-phone-style.js';
import { emailFormat } from './contact-email-format.js';
import { emailMismatch } from './contact-email-mismatch.js';
import { mailtoMismatch } from './contact-mailto-mismatch.js';
import { emailDomain } from './contact-email-domain.js';

/** The contact rules, registered in index.ts. */
export const CONTACT_RULES: readonly RuleDefinition[] = [
  missingDetail,
  phoneFormat,
  phoneStyle,
  emailFormat,
  emailMismatch,
  mailtoMismatch,
  emailDomain,
] as RuleDefinition[];
