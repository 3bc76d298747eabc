import mammoth from 'mammoth';
import { DOMParser } from '@xmldom/xmldom';
import { readDocxPackage, ImportError, DEFAULT_LIMITS, type DocxPackage, type Limits } from './package.js';
import { readWordXml, type CommentInfo, type Revision } from './wordxml.js';
import { htmlToMarkdown } from './markdown.js';
import type { Profile } from '../../core/templates/schema.js';

export { ImportError, DEFAULT_LIMITS, type Limits };

/**
 * A Word report (.docx bytes) → a report draft (Markdown). The package is opened with
 * limits (package.ts), automatic numbers are written into the paragraphs (wordxml.ts),
 * mammoth turns the document into HTML, and markdown.ts builds the draft through the
 * unified trees. Tracked changes are accepted and comments dropped; both are listed in
 * `notes` with the place a Word user finds them.
 */

export interface ImportOptions {
  /** Profiles to recognise (built-ins and the workspace's). */
  profiles: Profile[];
  /** The template, when the user named it. */
  template?: Profile;
  /** The workspace's default template, used when none is recognised. */
  fallback?: Profile;
  limits?: Limits;
}

export interface ImportResult {
  markdown: string;
  profile?: Profile;
  recognised: 'given' | 'recognised' | 'default' | 'none';
  /** Messages for the officer: what was accepted, dropped or left out. */
  notes: string[];
  revisions: Revision[];
  comments: CommentInfo[];
  images: number;
  /** Paragraphs and headings whose automatic number was computed. */
  numbered: number;
}

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

function relationships(xml: string | undefined): { type: string; target: string; external: boolean }[] {
  if (!xml) return [];
  const doc = new DOMParser({ errorHandler: () => undefined }).parseFromString(xml, 'application/xml');
  const out: { type: string; target: string; external: boolean }[] = [];
  const root = doc?.documentElement;
  if (!root) return out;
  for (let n = root.firstChild; n; n = n.nextSibling) {
    if (n.nodeType !== 1) continue;
    const el = n as unknown as Element;
    if (el.localName !== 'Relationship' || (el.namespaceURI !== REL_NS && el.namespaceURI !== null)) continue;
    out.push({ type: el.getAttribute('Type') ?? '', target: el.getAttribute('Target') ?? '', external: el.getAttribute('TargetMode') === 'External' });
  }
  return out;
}

function resolvePath(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function mainDocumentPath(pkg: DocxPackage): string {
  const rel = relationships(pkg.parts.get('_rels/.rels')).find((r) => r.type === `${REL_TYPE}officeDocument` || r.type.endsWith('/officeDocument'));
  const path = rel ? resolvePath('', rel.target) : 'word/document.xml';
  if (!pkg.parts.has(path)) throw new ImportError('The .docx file has no main document (word/document.xml); it is damaged or not a Word document.', 'not-docx');
  return path;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A quotation of a change or comment for a message, cut at `max` characters. */
export function quote(s: string, max = 60): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return `"${t.length > max ? t.slice(0, max - 1) + '…' : t}"`;
}

/** How many tracked changes and comments are named one by one (the rest are counted). */
export const LISTED = 20;

/** What was done with a tracked change: `accepted insertion by Jane Smith of "was agreed"`. */
export function revisionWords(r: Revision): string {
  const who = r.author ? ` by ${r.author}` : '';
  return r.kind === 'insertion' ? `accepted insertion${who} of ${quote(r.text)}` : r.kind === 'deletion' ? `accepted deletion${who} of ${quote(r.text)}` : r.kind === 'move' ? `accepted move${who} of ${quote(r.text)}` : `accepted ${r.text}${who}`;
}

/** The tracked changes named one by one (formatting changes are only counted). */
export const listedRevisions = (revisions: Revision[]): Revision[] => revisions.filter((x) => x.kind !== 'formatting');

function revisionNotes(revisions: Revision[]): string[] {
  if (revisions.length === 0) return [];
  const by = (kind: Revision['kind']): number => revisions.filter((r) => r.kind === kind).length;
  const summary = [
    by('insertion') && `${plural(by('insertion'), 'insertion')} kept`,
    by('deletion') && `${plural(by('deletion'), 'deletion')} made (the deleted text is not in the draft)`,
    by('move') && `${plural(by('move'), 'move')} made`,
    by('formatting') && `${plural(by('formatting'), 'formatting change')} kept`,
    by('row') && `${plural(by('row'), 'table row change')} made`,
  ].filter(Boolean);
  const out = [`Tracked changes: all ${revisions.length} accepted: ${summary.join(', ')}. Check them in Word (Review > Tracking) if they were not agreed.`];
  for (const r of listedRevisions(revisions).slice(0, LISTED)) out.push(`  ${r.place}: ${revisionWords(r)}`);
  const listed = listedRevisions(revisions).length;
  if (listed > LISTED) out.push(`  … and ${listed - LISTED} more`);
  return out;
}

function commentNotes(comments: CommentInfo[]): string[] {
  if (comments.length === 0) return [];
  const out = [`Comments: ${plural(comments.length, 'comment')} dropped (the draft has no comments); read them in Word before you delete the .docx.`];
  for (const c of comments.slice(0, LISTED)) out.push(`  ${c.place}: comment${c.author ? ` by ${c.author}` : ''}: ${quote(c.text, 80)}`);
  if (comments.length > LISTED) out.push(`  … and ${comments.length - LISTED} more`);
  return out;
}

export async function importDocx(bytes: Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  const pkg = await readDocxPackage(bytes, opts.limits ?? DEFAULT_LIMITS);
  const documentPath = mainDocumentPath(pkg);
  const docRels = relationships(pkg.parts.get(resolvePath(documentPath, `_rels/${documentPath.split('/').pop()}.rels`)));
  const partPath = (name: string): string | undefined => {
    const r = docRels.find((x) => !x.external && x.type.endsWith(`/${name}`));
    return r ? resolvePath(documentPath, r.target) : undefined;
  };
  const word = readWordXml(pkg, documentPath, partPath);
  pkg.parts.set(documentPath, word.documentXml);
  // mammoth reads the package through this object: only the XML parts read above, never
  // the original zip (whose other parts were not inflated).
  const file = {
    exists: (name: string): boolean => pkg.parts.has(name),
    read: (name: string, encoding?: string): Promise<string | Uint8Array> => {
      const text = pkg.parts.get(name);
      if (text === undefined) return Promise.reject(new Error(`part not read: ${name}`));
      return Promise.resolve(encoding ? text : new TextEncoder().encode(text));
    },
  };
  let html: string;
  try {
    const converted = await mammoth.convertToHtml({ file } as never, {
      styleMap: ["p[style-name='Title'] => h1.report-title:fresh", "p[style-name='Subtitle'] => p:fresh"],
      // Pictures are never read: each becomes a visible note in the draft.
      convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      externalFileAccess: false,
    } as never);
    html = converted.value;
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError(`The .docx file could not be read (${e instanceof Error ? e.message : String(e)}); it may be damaged. Open it in Word, which offers to repair it, and save it again.`, 'damaged');
  }
  const md = await htmlToMarkdown(html, { profiles: opts.profiles, ...(opts.template ? { template: opts.template } : {}), ...(opts.fallback ? { fallback: opts.fallback } : {}) });
  const notes = [...revisionNotes(word.revisions), ...commentNotes(word.comments)];
  if (md.images > 0) {
    const bytesSkipped = pkg.skipped.filter((s) => /^word\/media\//.test(s.name)).reduce((a, s) => a + s.size, 0);
    notes.push(`Pictures: ${plural(md.images, 'picture')}${bytesSkipped > 0 ? ` (${Math.max(1, Math.round(bytesSkipped / 1024))} KB)` : ''} not imported; each is marked "(Picture not imported)" in the draft.`);
  }
  notes.push(...md.notes);
  const result: ImportResult = { markdown: md.markdown, recognised: md.recognised, notes, revisions: word.revisions, comments: word.comments, images: md.images, numbered: word.numbered };
  if (md.profile) result.profile = md.profile;
  return result;
}
