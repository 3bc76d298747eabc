import { defineRule } from '../rules/define.js';
import { insertFix, replaceFix } from '../rules/util.js';
import { readLinks, schemeOf, unchangedLinks, type LinkTarget } from './link-parse.js';
import { isPlaceholderTarget } from './link-empty-target.js';
import { isValidEmail, maskedUnit } from '../contacts/contact-parse.js';
import type { Fix, Range } from '../types.js';
import { defineUnitMemo, joinUnitMemos, unchangedUnitItems, type ReportModel } from '../model.js';

/**
 * Web addresses that cannot work as written. Validation is the WHATWG URL parser's
 * (`URL.canParse` / `new URL`), the one browsers use; the patterns below only find
 * candidates and recognise the usual slips so that a fix can be offered.
 */

/** A scheme and its separator at the start of a target. */
const SCHEME_PREFIX_RE = /^([a-z]{3,6})(:\/{3,}|:\/\/|:\/|\/\/|;\/\/?|:\\{1,2}|:)/i;
/** Letters that are "http" or "https" mistyped. */
const HTTP_TYPO_RE = /^(?:h+t+p+s?|htps?|ttps?|hhtps?|htpps?|htts?)$/i;
/** Candidates in running text (not links): letters, a separator, then the address. */
const SCHEME_HINT = /[:;]\/|\/\/|:\\/;

/** Web addresses with a mistyped scheme in one top-level node's running text (kept while the node is reused). */
const UNIT_SCHEMES = defineUnitMemo<{ start: number; end: number }[]>({
  compute(unit, model) {
    const out: { start: number; end: number }[] = [];
    for (const b of unit.blocks ?? []) {
      if (b.kind === 'code' || b.kind === 'html') continue;
      // Masking only blanks text, so a block whose source has no scheme-like separator
      // cannot have one in its masked text: skip the expensive pattern.
      if (!SCHEME_HINT.test(b.source)) continue;
      const slice = maskedUnit(model, unit).slice(b.start - unit.start, b.end - unit.start);
      TEXT_SCHEME_RE.lastIndex = 0;
      for (let m = TEXT_SCHEME_RE.exec(slice); m; m = TEXT_SCHEME_RE.exec(slice)) {
        if (badScheme(m[0])) out.push({ start: b.start + m.index, end: b.start + m.index + m[0].length });
      }
    }
    return out;
  },
  shift(found, d) {
    for (const f of found) {
      f.start += d;
      f.end += d;
    }
  },
});
const TEXT_SCHEME_RE = /(?<![\p{L}\p{N}/.@])[a-z]{3,6}(?::\/{3,}|:\/\/|:\/|\/\/|;\/\/?|:\\{1,2})(?=[\p{L}\p{N}])[^\s<>()[\]"']*/giu;

/**
 * A mistyped `http://` / `https://` at the start of `s`: "htp://", "http//", "https:/",
 * "http:///", "https;//", "http:\\", "https:www...". Undefined for a correct one.
 */
function badScheme(s: string): { prefix: string; secure: boolean } | undefined {
  const m = SCHEME_PREFIX_RE.exec(s);
  if (!m) return undefined;
  const letters = m[1]!.toLowerCase();
  const sep = m[2]!;
  if (!HTTP_TYPO_RE.test(letters)) return undefined;
  if ((letters === 'http' || letters === 'https') && sep === '://') return undefined;
  // "https:www.gov.uk", but not "http:" alone.
  if (sep === ':' && !/^www\.|^[a-z0-9-]+\.[a-z]/i.test(s.slice(m[0].length))) return undefined;
  return { prefix: m[0], secure: letters.endsWith('s') };
}
/** A target that is a domain without a scheme: it resolves as a relative file name. */
const BARE_DOMAIN_RE = /^(?:www\d?\.[^\s/][^\s/?#]*|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.uk|org\.uk|co\.uk|nhs\.uk|ac\.uk|police\.uk|sch\.uk|com|org|net))(?:[/?#].*)?$/i;

export const malformedUrl = defineRule({
  id: 'link/malformed-url',
  title: 'Malformed web address',
  defaultSeverity: 'warning',
  fixable: true,
  needsProfile: false,
  docs: {
    why: 'A web address with a mistyped "https://", a space, no "https://" at all, a missing angle bracket or an e-mail address in place of a web page does not open for readers of the published report. Background papers are how members and the public find the documents a report relies on, so each link must work.',
    bad: 'SEND and Inclusion, Children and Families Overview and Scrutiny Committee, 6 September 2022:\n\n<https://democracy.leics.gov.uk/documents/s170911/SEND%20and%20Inclusion.pdf\n\nSee [the Council website](www.leicester.gov.uk) and htp://www.gov.uk/send.',
    good: 'SEND and Inclusion, Children and Families Overview and Scrutiny Committee, 6 September 2022:\n\n<https://democracy.leics.gov.uk/documents/s170911/SEND%20and%20Inclusion.pdf>\n\nSee [the Council website](https://www.leicester.gov.uk) and https://www.gov.uk/send.',
  },
  check(ctx) {
    const { model } = ctx;
    const text = model.text;
    const seen = new Set<number>();
    const links = readLinks(model);
    // A bare URL inside a broken `[text](...)` is reported with the broken link.
    const spans = links.map((t) => [t.nodeStart, t.nodeEnd] as const).sort((a, b) => a[0] - b[0]);
    const broken = links.filter((t) => t.kind === 'broken').map((t) => [t.nodeStart, t.nodeEnd] as const);
    // What a link or a mistyped scheme shows depends on its own node alone (so on the edit only if it was in it).
    const linksKept = unchangedLinks(model);
    for (const t of links) {
      seen.add(t.start);
      if (t.kind === 'literal' && within(broken, t.start)) continue;
      ctx.keyed(t, linksKept, report);
    }
    function report(t: LinkTarget): void {
      const problem = examine(model, t);
      if (problem) ctx.report(problem);
    }
    // Mistyped schemes in running text, which are not links at all.
    const schemes = joinUnitMemos(model, UNIT_SCHEMES);
    const schemesKept = unchangedUnitItems(model, UNIT_SCHEMES);
    for (let i = 0; i < schemes.length; i++) {
      const m = schemes[i]!;
      if (seen.has(m.start) || within(spans, m.start)) continue;
      ctx.keyed(m, schemesKept, scheme);
    }
    function scheme(m: { start: number; end: number }): void {
      const start = m.start;
      let end = m.end;
      while (end > start && /[.,;:!?]/.test(text[end - 1]!)) end--;
      const raw = text.slice(start, end);
      const fixed = fixScheme(raw);
      ctx.report({
        message: `"${shorten(raw)}" is a web address with a mistyped "${badScheme(raw)!.prefix}": it is not a link and does not open.`,
        range: model.index.range(start, end),
        fixes: fixed ? [replaceFix(`Write "${shorten(fixed)}"`, model.index.range(start, end), fixed, true)] : [],
      });
    }
  },
});

interface Problem {
  message: string;
  range: Range;
  fixes: Fix[];
}

function examine(model: ReportModel, t: LinkTarget): Problem | undefined {
  const range = model.index.range(t.start, t.end);
  const url = t.url.trim();

  if (t.kind === 'literal') return examineLiteral(model, t);

  if (t.kind === 'broken') {
    if (isPlaceholderTarget(t.raw)) return undefined; // link/empty-target
    if (isLocalPath(t.raw)) return localPath(t, range);
    if (t.unclosedAngle && !/\s/.test(t.raw)) {
      return {
        message: `The link target "<${shorten(t.raw)}" has no closing ">", so it is not a link: the text shows as typed.`,
        range,
        fixes: [insertFix('Add the closing ">"', model, t.end, '>', true)],
      };
    }
    const abs = schemeOf(t.raw) !== undefined;
    const fixes: Fix[] = [];
    if (abs) fixes.push(replaceFix('Encode the spaces as %20', range, t.raw.replace(/\s+/g, '%20'), false));
    else if (t.parenStart !== undefined && !t.angle) fixes.push(replaceFix('Put the file name between < and >', range, `<${t.raw}>`, true));
    return {
      message: abs
        ? `The web address "${shorten(t.raw)}" contains a space, so this is not a link: the text shows as typed. If the address was wrapped, join it up; otherwise write the space as %20.`
        : `The file name "${shorten(t.raw)}" contains a space, so this is not a link: write it between < and >.`,
      range,
      fixes,
    };
  }

  if (url === '' || isPlaceholderTarget(t.raw)) return undefined; // link/empty-target
  if (url.startsWith('#')) return undefined; // a place in this report

  // A mistyped scheme.
  const bad = badScheme(url);
  if (bad) {
    const fixed = fixScheme(t.raw);
    return {
      message: `"${shorten(t.raw)}" has a mistyped "${bad.prefix}" (for "${bad.secure ? 'https' : 'http'}://"): the link does not open.`,
      range,
      fixes: fixed ? [replaceFix(`Write "${shorten(fixed)}"`, range, fixed, true)] : [],
    };
  }

  const scheme = schemeOf(url);

  // An e-mail address without mailto: (a relative file name as written).
  if (!scheme && isValidEmail(url)) {
    return {
      message: `"${t.raw}" is an e-mail address: without "mailto:" the link looks for a file of that name.`,
      range,
      fixes: [insertFix('Add "mailto:"', model, t.start, 'mailto:', true)],
    };
  }

  // A domain without https:// is a relative file name.
  if (!scheme && BARE_DOMAIN_RE.test(url)) {
    return {
      message: `"${shorten(t.raw)}" has no "https://", so it is read as a file name next to the report, not a web address.`,
      range,
      // Unsafe: the site may serve only http, so the officer should check the link opens.
      fixes: [insertFix('Add "https://"', model, t.start, 'https://', false)],
    };
  }

  // A file on the author's computer or network drive.
  if (isLocalPath(url)) return localPath(t, range);

  if (scheme === 'http' || scheme === 'https') {
    if (/\s/.test(t.raw)) {
      return {
        message: `The web address "${shorten(t.raw)}" contains a space. If it was wrapped, join it up; otherwise write the space as %20.`,
        range,
        fixes: [replaceFix('Encode the spaces as %20', range, t.raw.replace(/\s+/g, '%20'), false)],
      };
    }
    if (!URL.canParse(url)) return { message: `"${shorten(t.raw)}" is not a valid web address.`, range, fixes: [] };
    const u = new URL(url);
    // "https://jane.moore@leics.gov.uk": an e-mail address typed as a web link.
    if (u.username && !u.password && (u.pathname === '/' || u.pathname === '') && !u.search && !u.hash && /\./.test(u.hostname)) {
      const address = `${decodeURIComponent(u.username)}@${u.hostname}`;
      if (isValidEmail(address)) {
        return {
          message: `"${shorten(t.raw)}" is an e-mail address written as a web link: it opens the web site ${u.hostname}, not an e-mail.`,
          range,
          fixes: [replaceFix(`Link to "mailto:${address}"`, range, `mailto:${address}`, true)],
        };
      }
    }
    if (!u.hostname.includes('.') && u.hostname !== 'localhost') {
      return { message: `"${shorten(t.raw)}" has no proper domain ("${u.hostname}"): readers of the published report cannot open it.`, range, fixes: [] };
    }
    return undefined;
  }

  if (scheme === 'mailto' || scheme === 'tel') return undefined; // contact rules check addresses

  if (scheme) {
    if (!URL.canParse(url)) return { message: `"${shorten(t.raw)}" is not a valid address.`, range, fixes: [] };
    return undefined;
  }

  // A relative link to a file: fine when it resolves.
  if (!URL.canParse(url, 'https://example.invalid/reports/')) return { message: `"${shorten(t.raw)}" is not a valid link target.`, range, fixes: [] };
  return undefined;
}

function isLocalPath(url: string): boolean {
  return /^[a-z]:[\\/]/i.test(url) || url.startsWith('\\\\') || schemeOf(url) === 'file';
}

function localPath(t: LinkTarget, range: Range): Problem {
  return { message: `"${shorten(t.raw)}" is a file on a local or network drive: readers of the published report cannot open it. Link to the published copy.`, range, fixes: [] };
}

/** GFM bare URLs: a `<` or `>` left on one side only. */
function examineLiteral(model: ReportModel, t: LinkTarget): Problem | undefined {
  const text = model.text;
  const opened = text[t.start - 1] === '<';
  const closedInside = t.raw.endsWith('>');
  if (opened && !closedInside && text[t.end] !== '>') {
    return {
      message: `"<${shorten(t.raw)}" has no closing ">": the County form writes background-paper addresses as <https://...>.`,
      range: model.index.range(t.start, t.end),
      fixes: [insertFix('Add the closing ">"', model, t.end, '>', true)],
    };
  }
  if (closedInside && !opened) {
    return {
      message: `"${shorten(t.raw)}" ends in a ">" with no opening "<": the ">" becomes part of the link, which then does not open.`,
      range: model.index.range(t.start, t.end),
      fixes: [insertFix('Add the opening "<"', model, t.start, '<', true)],
    };
  }
  return undefined;
}

/** "htp://x" → "http://x", "https//x" → "https://x"; undefined unless the result parses with a dotted host. */
function fixScheme(raw: string): string | undefined {
  const m = badScheme(raw);
  if (!m) return undefined;
  const fixed = `${m.secure ? 'https' : 'http'}://${raw.slice(m.prefix.length).replace(/^[/\\]+/, '')}`;
  if (!URL.canParse(fixed)) return undefined;
  return new URL(fixed).hostname.includes('.') ? fixed : undefined;
}

/** Whether `offset` falls in one of the spans (sorted by start, nested or disjoint), by binary search. */
function within(spans: readonly (readonly [number, number])[], offset: number): boolean {
  let lo = 0;
  let hi = spans.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid]![0] <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  // Spans do not overlap except by nesting (an HTML href inside nothing else), so the
  // last one starting before the offset is the one to test.
  return best >= 0 && offset < spans[best]![1];
}

function shorten(s: string): string {
  return s.length > 70 ? `${s.slice(0, 67)}...` : s;
}
