import { defineRule } from '../rules/define.js';
import { readDates } from '../dates/index.js';
import type { FieldSpec } from '../templates/schema.js';

function problem(field: FieldSpec, value: unknown, source: string): string | undefined {
  const text = Array.isArray(value) ? value.map(String).join(', ') : value === null || value === undefined ? '' : String(value).trim();
  if (text === '') return `"${field.key}" (${field.label}) is empty.`;
  switch (field.type) {
    case 'date': {
      // Only "is this a date at all?" here. A missing year, a day that does not exist or
      // a wrong weekday is reported by the date rules (date/*) on the exact text.
      if (value instanceof Date) return undefined;
      if (!readDates(text).some((d) => d.kind === 'date' || d.kind === 'month')) return `"${field.key}" should be a date such as "3 March 2026" or "2026-03-03", not "${source}".`;
      return undefined;
    }
    case 'person':
      if (Array.isArray(value)) return `"${field.key}" should be one person, "Name, Role".`;
      if (!/,\s*\S/.test(text)) return `"${field.key}" should be "Name, Role" (the role is missing).`;
      return undefined;
    case 'version':
      if (!/^v?\d+(?:\.\d+)*\.?$/i.test(text)) return `"${field.key}" should be a version such as "v1" or "1.2", not "${source}".`;
      return undefined;
    case 'wards':
      return undefined;
    case 'text':
    case 'template':
    case 'people':
    case 'contact':
      if (typeof value === 'object' && !Array.isArray(value)) return `"${field.key}" should be text, not a nested mapping.`;
      return undefined;
  }
}

export const valueType = defineRule({
  id: 'metadata/value-type',
  title: 'Front-matter value of the wrong kind',
  defaultSeverity: 'error',
  fixable: false,
  docs: {
    why: 'Each header field has a kind: a date, a "Name, Role", a version number. A value of the wrong kind prints wrongly and breaks the checks that use it (such as sign-off dates against the meeting).',
    bad: '---\nmeeting_date: next Tuesday\nlead_director: Damian Elcock\nversion: draft\n---',
    good: '---\nmeeting_date: 3 March 2026\nlead_director: Damian Elcock, Director of Children\'s Social Work and Early Help\nversion: v1\n---',
  },
  check(ctx) {
    const { model, profile } = ctx;
    if (!profile) return;
    const fields = new Map(profile.frontMatter.map((f) => [f.key, f]));
    for (const e of model.frontMatter.entries) {
      const f = fields.get(e.key);
      if (!f) continue;
      const msg = problem(f, e.value, e.source);
      if (msg) ctx.report({ message: msg, range: e.source === '' ? e.keyRange : e.valueRange });
    }
  },
});
