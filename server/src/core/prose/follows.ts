import { joinUnits, type ReportModel, type Unit } from '../model.js';
import { lastAtOrBefore } from '../text.js';
import { proseWork, segmentAnswers, unitSegments, type ProseSegment } from './segments.js';

/** The unit holding a segment, and the units after it. */
export function unitIndexOf(model: ReportModel, seg: ProseSegment): number {
  return lastAtOrBefore(model.units, seg.start, (u) => u.start);
}

/** The number of top-level items in the first list within `within` units after unit `ui`, if any (before a heading). */
export function listAfter(model: ReportModel, ui: number, within: number): { unit: Unit; items: number } | undefined {
  for (let k = ui + 1; k <= ui + within && k < model.units.length; k++) {
    const u = model.units[k]!;
    if (u.node.type === 'heading') return undefined;
    if (u.node.type === 'list') return { unit: u, items: u.node.children.length };
  }
  return undefined;
}

/** Slots of `perSegment` answers on a segment (see `segmentAnswers`). */
let slots = 0;
/** Stands for an answer that is undefined, kept in a slot. */
const UNDEFINED = {};

/**
 * A per-segment answer kept while the segment object is (an edit elsewhere keeps the
 * segments of the units it did not touch): positions in it are relative to the segment.
 * Kept on the segment itself (its text never changes), or for an object that only
 * stands for a segment, by the object and its text.
 */
export function perSegment<T>(compute: (seg: ProseSegment) => T): (seg: ProseSegment) => T {
  const slot = slots++;
  const memo = new WeakMap<ProseSegment, { text: string; value: T }>();
  return (seg) => {
    proseWork.answers++;
    const answers = segmentAnswers(seg);
    if (answers !== undefined) {
      const kept = answers[slot];
      if (kept !== undefined) return (kept === UNDEFINED ? undefined : kept) as T;
      const value = compute(seg);
      answers[slot] = value === undefined ? UNDEFINED : value;
      return value;
    }
    const hit = memo.get(seg);
    if (hit && hit.text === seg.text) return hit.value;
    const value = compute(seg);
    memo.set(seg, { text: seg.text, value });
    return value;
  };
}

const NONE: readonly ProseSegment[] = [];

/**
 * The segments of the report for which `candidate` (a `perSegment` answer) is defined, in
 * document order: a list joined from units (see `joinUnits`, `key` its key), so that an
 * edit looks again only at the segments of the units it replaced, not at every segment.
 */
export function segmentsWith(model: ReportModel, key: object, candidate: (seg: ProseSegment) => unknown): ProseSegment[] {
  return joinUnits(model, key, (unit) => {
    const segs = unitSegments(model, unit);
    let out: ProseSegment[] | undefined;
    for (let i = 0; i < segs.length; i++) if (candidate(segs[i]!) !== undefined) (out ??= []).push(segs[i]!);
    return out ?? NONE;
  });
}
