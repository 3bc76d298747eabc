import type { Range } from '../types.js';
import type { FrontMatterEntry } from '../frontmatter.js';
import type { SignOff } from '../model.js';

/**
 * `date`: a day (with or without its year); `month`: a month of a year (`March 2026`);
 * `time`: a time of day; `financial-year`: April to March (`2026/27`).
 */
export type DateKind = 'date' | 'month' | 'time' | 'financial-year';

/** Where the date was written. */
export type DateContext = 'front-matter' | 'signoff' | 'heading' | 'table' | 'text';

/** Words just before a date that say what it is for. */
export type DateCue = 'meeting' | 'deadline';

export interface WeekdayPart {
  text: string;
  start: number;
  end: number;
  /** 0 = Sunday ... 6 = Saturday. */
  index: number;
}

export interface FoundDate {
  kind: DateKind;
  /** The text as written, from `start` to `end` (a weekday in front included). */
  text: string;
  start: number;
  end: number;
  range: Range;
  /** The date proper, without a weekday in front: what a house-style rewrite replaces. */
  partStart: number;
  partEnd: number;
  /**
   * The date-fns pattern the text was read with: the style it is written in, e.g.
   * `do MMMM yyyy` for "3rd March 2026", `dd/MM/yyyy` for "03/03/2026", `h:mm a` for
   * "5:30 pm". Spacing is normalised (a line break counts as a space).
   */
  style: string;
  /** Calendar parts as written: month 1-12. `year` is absent when not written. */
  year?: number;
  month?: number;
  day?: number;
  hour?: number;
  minute?: number;
  /** The year was not written but is taken from the other end of a range. */
  yearFromRange?: boolean;
  /** The day, month and year (or time) name a real date (or time). */
  valid: boolean;
  /** Why it is not valid, in words for a message. */
  problem?: string;
  /** The value when valid and complete: local midnight of the day (dates), first day (months, financial years). */
  value?: Date;
  /** Financial years and ranges: the last day. */
  endValue?: Date;
  weekday?: WeekdayPart;
  /** Only digits and separators (no month name, no am/pm): in tables such text may be a figure. */
  numericOnly: boolean;
  context: DateContext;
  /** Front-matter key whose value holds the date. */
  frontMatterKey?: string;
  /** The sign-off whose `Dated:` value holds the date. */
  signoff?: SignOff;
  cue?: DateCue;
  /** A day and month without a year in a sentence about every year ("from 1 January each year"). */
  recurring?: boolean;
  /** The two ends of a range point at each other. */
  rangeRole?: 'start' | 'end';
  other?: FoundDate;
}

export interface MeetingInfo {
  /** The `meeting_date` entry, when the front matter has one. */
  entry?: FrontMatterEntry;
  /** Dates found in the `meeting_date` value. */
  frontMatterDates: FoundDate[];
  /** The front-matter meeting date when it is one real, complete date. */
  frontMatter?: FoundDate;
  /** Dates the body states as the meeting's ("Date of meeting: 3 March 2026"). */
  stated: FoundDate[];
  /** The best known meeting day: the front matter's, else the first complete stated one. */
  date?: Date;
  /** Where `date` was read. */
  source?: FoundDate;
}

export interface DateScan {
  /** Every recognised date, month, time and financial year, in document order. */
  dates: FoundDate[];
  meeting: MeetingInfo;
  /** The last sign-off dated with its year written: what a sign-off without a year goes by when there is no meeting date. */
  lastSignoff?: Date;
  /**
   * In an editing session, what changed since the scan of model number `since` (the
   * previous one): the dates that are new or read differently (see `unchangedDates`).
   */
  delta?: { since: number; changed: Set<FoundDate> };
}
