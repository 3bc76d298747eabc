// Generates committed files from their single source of truth:
//   schemas/profile.schema.json, schemas/config.schema.json  (from the zod schemas)
//   docs/rules.md                                              (from the rule metadata)
//   server/src/core/templates/builtin/validated.generated.json (the built-in profiles, validated)
// `--check` writes nothing and exits 1 when a committed file differs (CI runs it).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { profileSchemas } from '../server/src/core/templates/schema.js';
import { ConfigSchema } from '../server/src/core/config.js';
import { RULES } from '../server/src/core/rules/index.js';
import { BUILTIN_SOURCES } from '../server/src/core/templates/builtin-sources.js';
import type { Profile } from '../server/src/core/templates/schema.js';

const root = join(import.meta.dirname, '..');
const ProfileSchema = profileSchemas().profile;
const check = process.argv.includes('--check');

function jsonSchema(schema: z.ZodType, id: string, title: string): string {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return JSON.stringify({ ...s, $id: id, title }, null, 2) + '\n';
}

// The built-in profiles as the checker loads them: validated here, not at run time
// (templates/loader.ts). A broken built-in fails the generation.
const BUILTIN_PROFILES: Profile[] = BUILTIN_SOURCES.map((p) => ProfileSchema.parse(p));

function ruleDocs(): string {
  const out: string[] = [
    '# Rules',
    '',
    'Generated from the rule metadata by `npm run generate`; do not edit by hand.',
    '',
    'Each finding names its rule. Change a rule\'s severity or turn it off in `.committee-reports.json`',
    '(`"rules": { "acronym/undefined": "off" }`), or for one line with',
    '`<!-- committee-report-disable-line rule/id -->` (see the README).',
    '',
    'A fix is *safe*, applied by `check --fix` and by fix-all on save, only when it has one right',
    'answer and writes nothing the officer did not: a template heading, a date or number in the',
    'house style, a mistyped web address. Everything else (the template\'s suggested "None.", a',
    'year inferred from the meeting, the nearest front-matter key, a spelling suggestion) is a',
    'quick fix, offered in the editor and applied only when picked. Each rule below says which of',
    'its fixes are safe where it has both.',
    '',
    '| rule | default | fix | what it checks |',
    '|---|---|---|---|',
    ...RULES.map((r) => `| [\`${r.id}\`](#${r.id.replace('/', '-')}) | ${r.defaultSeverity} | ${r.fixable ? 'yes' : ''} | ${r.title} |`),
    '',
  ];
  for (const r of RULES) {
    out.push(`<a id="${r.id.replace('/', '-')}"></a>`, `## ${r.id}`, '', `**${r.title}.** Default severity: ${r.defaultSeverity}.${r.fixable ? ' Has a fix.' : ''}${r.needsProfile ? '' : ' Runs without a template profile.'}`, '', r.docs.why, '');
    out.push('Reported:', '', '```markdown', r.docs.bad, '```', '', 'Written to the template:', '', '```markdown', r.docs.good, '```', '');
    const opts = z.toJSONSchema(r.options, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { description?: string; default?: unknown }> };
    const props = Object.entries(opts.properties ?? {});
    if (props.length > 0) {
      out.push('Options:', '');
      for (const [k, v] of props) out.push(`- \`${k}\` (default \`${JSON.stringify(v.default)}\`)${v.description ? `: ${v.description}` : ''}`);
      out.push('');
    }
  }
  out.push('## Built-in templates', '');
  for (const p of BUILTIN_PROFILES) out.push(`- \`${p.id}\`: ${p.council}, ${p.name}. ${p.description}`);
  return out.join('\n') + '\n';
}

const files: Record<string, string> = {
  'schemas/profile.schema.json': jsonSchema(ProfileSchema, 'https://committee-reports.dev/schemas/profile.schema.json', 'Committee Reports template profile'),
  'schemas/config.schema.json': jsonSchema(ConfigSchema, 'https://committee-reports.dev/schemas/config.schema.json', 'Committee Reports workspace configuration'),
  'docs/rules.md': ruleDocs(),
  'server/src/core/templates/builtin/validated.generated.json': JSON.stringify(BUILTIN_PROFILES, null, 2) + '\n',
};

let stale = 0;
for (const [rel, content] of Object.entries(files)) {
  const path = join(root, rel);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === content) continue;
  if (check) {
    console.error(`${rel} is out of date: run \`npm run generate\` and commit it.`);
    stale++;
  } else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    console.log(`wrote ${rel}`);
  }
}
process.exit(stale > 0 ? 1 : 0);
