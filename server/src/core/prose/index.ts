import type { RuleDefinition } from '../rules/define.js';
import { repeatedWord } from './repeated-word.js';
import { article } from './article.js';
import { placeholder } from './placeholder.js';
import { draftingNote } from './drafting-note.js';
import { usSpelling } from './us-spelling.js';
import { bodyName } from './body-name.js';
import { outdatedReference } from './outdated-reference.js';
import { unbalanced } from './unbalanced.js';
import { unfinishedSentence } from './unfinished-sentence.js';
import { statedCount } from './stated-count.js';
import { trackedChange } from './tracked-change.js';
import { longSentence } from './long-sentence.js';
import { spelling } from './spelling.js';
import { oneSpelling } from './one-spelling.js';

/**
 * The prose rules, registered in rules/index.ts. They read the report's words (see
 * `segments.ts`: headings and blocks of running text with code, links, addresses and
 * Markdown markers blanked) and check each segment on its own, kept for the segments an
 * edit did not touch.
 */
export const PROSE_RULES: readonly RuleDefinition[] = [
  placeholder,
  draftingNote,
  repeatedWord,
  article,
  usSpelling,
  spelling,
  oneSpelling,
  bodyName,
  outdatedReference,
  unbalanced,
  unfinishedSentence,
  statedCount,
  trackedChange,
  longSentence,
] as RuleDefinition[];
