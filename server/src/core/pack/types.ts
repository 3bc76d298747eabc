import type { Range } from '../types.js';

/**
 * An agenda pack: the reports in one folder for one meeting, with an optional manifest
 * (`pack.yaml`) giving the meeting (committee, date, venue) and the items in agenda
 * order. What the manifest leaves out is inferred from the reports' front matter.
 */

export interface PackItem {
  /** A report's file name without `.report.md` (or a prefix of it: `hnb-plan` matches `hnb-plan-v2.report.md`). */
  name: string;
  /** Where the item is written in the manifest. */
  range: Range;
}

export interface PackManifest {
  /** Path of the manifest file. */
  file: string;
  council?: string;
  committee?: string;
  committeeRange?: Range;
  meetingDate?: string;
  meetingDateRange?: Range;
  venue?: string;
  items: PackItem[];
  /** Problems reading the manifest (bad YAML, unknown keys), with where. */
  problems: { message: string; range: Range }[];
}

export interface PackOfficer {
  name: string;
  role?: string;
  phone?: string;
  email?: string;
}

/** What the pack rules need to know about one report of the pack. */
export interface PackMember {
  file: string;
  title?: string;
  committee?: string;
  /** `yyyy-mm-dd` when the meeting date reads as a date. */
  meetingDate?: string;
  meetingDateText?: string;
  officers: PackOfficer[];
}

export interface PackInfo {
  folder: string;
  manifest?: PackManifest;
  members: PackMember[];
  /** The pack's committee and date: the manifest's, else the one most reports give. */
  committee?: string;
  meetingDate?: string;
  meetingDateText?: string;
  /** Where the pack's meeting comes from, for messages. */
  source: 'manifest' | 'reports';
}

/** The pack a report is checked in, and which member it is. */
export interface PackContext {
  info: PackInfo;
  file: string;
}
