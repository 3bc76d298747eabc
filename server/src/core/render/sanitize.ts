import { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';

/**
 * What may survive in HTML made from a draft. The draft is untrusted text: a report can
 * be written by anyone and opened by governance staff. On top of GitHub's schema
 * (`defaultSchema`: no `<script>`, `<style>`, `<iframe>`, no `on*` attributes):
 * - URLs: links only to http(s), mailto and tel; images only from http(s) (the preview
 *   resolves workspace images to https webview URLs first); `javascript:`, `data:`,
 *   `vbscript:` and every other scheme are dropped with the attribute;
 * - our own layout classes (`cr-…`) and source-line attributes (`data-line`, …).
 */
export const SAFE_LINK_PROTOCOLS = ['http', 'https', 'mailto', 'tel'] as const;
export const SAFE_IMAGE_PROTOCOLS = ['http', 'https'] as const;

const CLASS = ['className', /^cr-[a-z0-9-]+$/, /^language-[a-z0-9+#-]+$/, 'contains-task-list', 'task-list-item'] as const;
const LINE_ATTRS = ['dataLine', 'dataEndLine', 'dataCharacter', 'dataEndCharacter', 'dataKey', 'dataSpec', 'dataSeverity', 'dataRule', 'dataLayout', 'dataTemplate'];

type AttributeList = NonNullable<SanitizeSchema['attributes']>[string];

/** Per-element lists win over `*` in hast-util-sanitize: add our classes to theirs. */
function withOurClasses(list: AttributeList): AttributeList {
  const out: AttributeList = [];
  let merged = false;
  for (const a of list) {
    if (Array.isArray(a) && a[0] === 'className') {
      out.push([...a, ...CLASS.slice(1)] as never);
      merged = true;
    } else out.push(a);
  }
  if (!merged) out.push([...CLASS]);
  return out;
}

const elementAttributes: Record<string, AttributeList> = {};
for (const [tag, list] of Object.entries(defaultSchema.attributes ?? {})) {
  if (tag !== '*') elementAttributes[tag] = withOurClasses(list);
}

export const SANITIZE_SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), 'article', 'header', 'aside', 'nav', 'button'],
  attributes: {
    ...elementAttributes,
    '*': [...(defaultSchema.attributes?.['*'] ?? []).filter((a) => a !== 'id' && a !== 'name'), [...CLASS], ...LINE_ATTRS],
    button: ['type', 'title'],
    a: [...(elementAttributes.a ?? []), 'title'],
  },
  protocols: {
    href: [...SAFE_LINK_PROTOCOLS],
    src: [...SAFE_IMAGE_PROTOCOLS],
    cite: ['http', 'https'],
    longDesc: [],
  },
  // Never keep anything inside elements that are dropped for safety.
  strip: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript'],
};

/**
 * Whether a URL is safe to link to from an exported document (the same rule as the HTML
 * schema): a relative reference, or one of the allowed schemes. Control characters and
 * whitespace inside the scheme (`java\tscript:`) count as unsafe.
 */
export function isSafeUrl(url: string, protocols: readonly string[] = SAFE_LINK_PROTOCOLS): boolean {
  const u = url.replace(/^[\u0000-\u0020]+/, '');
  const colon = u.indexOf(':');
  if (colon === -1) return true;
  const before = u.slice(0, colon);
  // A colon after a path, query or fragment start is not a scheme (`a/b:c`, `#x:y`).
  if (/[/?#]/.test(before)) return true;
  return protocols.includes(before.toLowerCase());
}
