import { format } from 'date-fns/format';
import { z } from 'zod';

// zod compiles a fast path for each object schema with `new Function` on its first parse.
// We parse a few small documents (profiles, configs) per start, where compiling costs
// more than it saves (~10 ms of the checking thread's start); this module is imported
// before any schema is used.
z.config({ jitless: true });

/**
 * Council template profiles are data. This schema is the single definition: the
 * loader validates with it, and `npm run build` publishes it as JSON Schema for
 * editors (schemas/profile.schema.json).
 *
 * The schemas are built on first use (profileSchemas), not when the module loads: a
 * checking thread loads this module at its start but validates a profile only when a
 * workspace has its own (the built-ins are validated by `npm run generate`), and building
 * them cost that start about 3 ms.
 */

export const FIELD_TYPES = ['text', 'template', 'date', 'person', 'people', 'contact', 'wards', 'version'] as const;

function fieldSchema() {
  return z
    .object({
      key: z.string().regex(/^[a-z][a-z0-9_]*$/, 'front-matter keys are snake_case'),
      label: z.string().min(1).describe('The label the council template prints for this field.'),
      type: z.enum(FIELD_TYPES).default('text'),
      required: z.boolean().default(false),
      requiredWhen: z
        .object({
          question: z.string().describe('Id of a closing-question section.'),
          answer: z.enum(['yes', 'no']),
        })
        .strict()
        .optional()
        .describe('Required only when the named closing question has this answer.'),
      description: z.string().optional(),
      examples: z.array(z.string()).default([]),
    })
    .strict();
}

export const SECTION_KINDS = ['content', 'implications', 'question', 'papers', 'appendices', 'contact', 'glossary'] as const;

export interface SectionSpecInput {
  id: string;
  number?: string | undefined;
  title: string;
  level?: number | undefined;
  required?: boolean | undefined;
  kind?: (typeof SECTION_KINDS)[number] | undefined;
  aliases?: string[] | undefined;
  misnomers?: string[] | undefined;
  allowEmpty?: boolean | undefined;
  prompt?: string | undefined;
  signoff?: { required?: boolean | undefined; role?: string | undefined } | undefined;
  question?: { reasonOnYes?: boolean | undefined } | undefined;
  body?: string | undefined;
  insteadOf?: string[] | undefined;
  children?: SectionSpecInput[] | undefined;
}

export interface SectionSpec {
  id: string;
  number?: string | undefined;
  title: string;
  level: number;
  required: boolean;
  kind: (typeof SECTION_KINDS)[number];
  aliases: string[];
  misnomers: string[];
  allowEmpty: boolean;
  prompt?: string | undefined;
  signoff?: { required: boolean; role?: string | undefined } | undefined;
  question?: { reasonOnYes: boolean } | undefined;
  body?: string | undefined;
  insteadOf: string[];
  children: SectionSpec[];
}

function buildProfileSchemas() {
  const section: z.ZodType<SectionSpec, SectionSpecInput> = z.lazy(() =>
    z
      .object({
        id: z.string().regex(/^[a-z][a-z0-9-]*$/, 'section ids are kebab-case'),
        number: z
          .string()
          .regex(/^\d+(\.\d+)*$/, 'a section number is digits separated by dots, e.g. "5.1"')
          .optional(),
        title: z.string().min(1).describe('The exact heading wording, without the number.'),
        level: z.number().int().min(2).max(6).default(2),
        required: z.boolean().default(true),
        kind: z.enum(SECTION_KINDS).default('content'),
        aliases: z.array(z.string()).default([]).describe('Other wordings the council accepts.'),
        misnomers: z.array(z.string()).default([]).describe('Known wrong wordings, corrected to the title.'),
        allowEmpty: z.boolean().default(false),
        prompt: z.string().optional().describe('Template prompt text that must not be left in the report.'),
        signoff: z
          .object({ required: z.boolean().default(true), role: z.string().optional() })
          .strict()
          .optional(),
        question: z.object({ reasonOnYes: z.boolean().default(true) }).strict().optional(),
        body: z.string().optional().describe('Suggested body text for skeletons and snippets.'),
        insteadOf: z
          .array(z.string())
          .default([])
          .describe('A variant of the form: ids of the sections this one stands for when the report has it (they are then not missing).'),
        children: z.array(section).default([]),
      })
      .strict(),
  );

  const profile = z
    .object({
      $schema: z.string().optional(),
      id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'profile ids look like "council/form"'),
      council: z.string().min(1),
      name: z.string().min(1),
      description: z.string().default(''),
      numbering: z
        .enum(['by-section', 'continuous'])
        .describe('by-section: 4.1, 4.2 restart in each section; continuous: 1..N through the report.'),
      numberedHeadings: z.boolean().default(true),
      dateStyle: z
        .string()
        .refine(isDatePattern, { message: 'not a date pattern date-fns can write (e.g. "d MMMM yyyy"; quote other letters in single quotes)' })
        .default('d MMMM yyyy')
        .describe('House style for dates (date-fns format).'),
      allowExtraSections: z.boolean().default(false),
      committees: z
        .array(z.string().min(1))
        .default([])
        .describe("The council's committees, as they are named on agendas (checked by pack/unknown-committee; none: not checked)."),
      contact: z
        .object({
          requireEmail: z.boolean().default(true),
          requirePhone: z.boolean().default(true),
          emailDomains: z.array(z.string()).default([]),
        })
        .strict()
        .default({ requireEmail: true, requirePhone: true, emailDomains: [] }),
      frontMatter: z.array(fieldSchema()),
      sections: z.array(section),
    })
    .strict();

  // A workspace profile may extend another: then everything but `id` is optional.
  const override = z
    .object({
      $schema: z.string().optional(),
      id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'profile ids look like "council/form"'),
      extends: z.string(),
    })
    .catchall(z.unknown());

  return { profile, override };
}

export type ProfileSchemas = ReturnType<typeof buildProfileSchemas>;

let schemas: ProfileSchemas | undefined;
let builds = 0;

/**
 * The profile schema (`profile`) and that of a workspace profile that extends another
 * (`override`), built on the first call.
 */
export function profileSchemas(): ProfileSchemas {
  if (!schemas) {
    builds++;
    schemas = buildProfileSchemas();
  }
  return schemas;
}

/** How many times this thread has built the profile schemas (tests: once at most, and not to load this module). */
export function profileSchemaBuilds(): number {
  return builds;
}

export type FieldSpec = z.output<ReturnType<typeof fieldSchema>>;
export type Profile = z.output<ProfileSchemas['profile']>;
export type ProfileInput = z.input<ProfileSchemas['profile']>;

/** Whether date-fns can write a date with `pattern` (it throws on unknown or unquoted letters). */
function isDatePattern(pattern: string): boolean {
  try {
    format(new Date(2026, 1, 3), pattern);
    return true;
  } catch {
    return false;
  }
}
