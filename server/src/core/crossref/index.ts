/**
 * Cross-references inside a report: what "paragraph 4.3", "Appendix B", "Table 2" and "the
 * chart below" point at (analysis.ts, refs.ts), the "Summary of appendices" (summary.ts),
 * and the `crossref/*` rules (rules.ts).
 */
export { analyseCrossrefs, appendixFileLabel, firstWords, neighbours, readAppendixHeading, type AppendixTarget, type CrossrefAnalysis, type ResolvedRef, type Target } from './analysis.js';
export { scanReferences, describeRef, type Reference, type RefKind, type RefLabel } from './refs.js';
export { summaryEntries, checkSummary, type SummaryEntry } from './summary.js';
export { CROSSREF_RULES } from './rules.js';
export { referenceAt, crossrefDefinition, crossrefHover, crossrefLinks, referenceRenumbering, type Definition, type CrossrefLink, type RefAt } from './editor.js';
