/**
 * Agenda packs: a folder of reports for one meeting, with an optional manifest
 * (`pack.yaml`). The pack's summary (types.ts, members.ts, pack.ts), the manifest
 * (manifest.ts) and the `pack/*` rules (rules.ts).
 */
export type { PackContext, PackInfo, PackManifest, PackMember, PackOfficer, PackItem } from './types.js';
export { readManifest } from './manifest.js';
export { officersOf, meetingDateOf } from './members.js';
export { packMember, packFactsOf, memberOf, type PackFacts } from './facts.js';
export { buildPack, itemOf, isItem, packItems, stemOf } from './pack.js';
export { packWork } from './members.js';
export { checkManifest, runPackRules, mergeFindings, withoutPackRules } from './run.js';
export { PACK_RULES } from './rules.js';
