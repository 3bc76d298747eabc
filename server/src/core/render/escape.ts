import { stripEnd } from '../text.js';

/**
 * Small helpers of the HTML writers that carry no dependency, so the editor client (the
 * preview page) can use them without bundling the renderer.
 */

/** Escapes text for element content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** A random nonce for a Content-Security-Policy (Web Crypto: Node 20+ and browsers). */
export function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

/**
 * An image `src` as written in a draft, as a path inside the report's folder
 * (`/`-separated, decoded, without `.` segments), or undefined when it is not one: a URL
 * with a scheme (`https:`, `file:`, `C:`), a network path (`//host`), an absolute path,
 * or a path whose `..` segments leave the folder. A `%` that starts no escape
 * (`charts/100%.png`) is read literally. Never throws.
 */
export function localImagePath(src: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) return undefined;
  let p = src.split(/[?#]/)[0]!;
  try {
    p = decodeURIComponent(p);
  } catch {
    // not an escape sequence: the path is as written
  }
  p = p.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(p) || p.includes('\0')) return undefined;
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length === 0) return undefined;
      out.pop();
      continue;
    }
    out.push(seg);
  }
  return out.length > 0 ? out.join('/') : undefined;
}

/** `localImagePath` as a relative URL (each segment percent-encoded), or undefined. */
export function localImageUrl(src: string, base = ''): string | undefined {
  const p = localImagePath(src);
  if (p === undefined) return undefined;
  const rel = p.split('/').map(encodeURIComponent).join('/');
  return base ? `${stripEnd(base, /\//)}/${rel}` : rel;
}
