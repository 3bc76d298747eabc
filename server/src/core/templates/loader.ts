import validated from './builtin/validated.generated.json';
import { profileSchemas, type Profile, type SectionSpec } from './schema.js';
import { readDataFile, type DataProblem } from '../datafile.js';
import { z } from 'zod';

/**
 * The built-in profiles, as validated by `npm run generate` (builtin-sources.ts): they are
 * not parsed by zod at run time, which would cost every checking thread's start; a
 * workspace's own profiles are (readProfileFile).
 */
export const BUILTIN_PROFILES: readonly Profile[] = validated as unknown as Profile[];

let validations = 0;

/** How many profile files this thread has validated (tests: the built-ins are never among them). */
export function profileValidations(): number {
  return validations;
}

export interface ProfileSource {
  /** File the profile came from (for messages), or `built-in`. */
  origin: string;
  profile: Profile;
}

/** The profiles known to one workspace: built-ins plus the workspace's own. */
export class ProfileRegistry {
  private readonly byId = new Map<string, ProfileSource>();

  constructor(extra: ProfileSource[] = []) {
    for (const p of BUILTIN_PROFILES) this.byId.set(p.id, { origin: 'built-in', profile: p });
    for (const s of extra) this.byId.set(s.profile.id, s);
  }

  get(id: string): Profile | undefined {
    return this.byId.get(id)?.profile;
  }

  ids(): string[] {
    return [...this.byId.keys()].sort();
  }

  all(): Profile[] {
    return [...this.byId.values()].map((s) => s.profile);
  }
}

/**
 * Reads a workspace profile file (JSON or YAML). A profile with `extends` starts from
 * the named profile: top-level fields it gives replace the base's (arrays whole).
 * Problems carry the exact path and range of the bad value.
 */
export function readProfileFile(text: string, known: (id: string) => Profile | undefined): { profile?: Profile; problems: DataProblem[] } {
  validations++;
  const file = readDataFile(text, z.record(z.string(), z.unknown()));
  if (!file.value) return { problems: file.problems };
  const ext = file.value.extends;
  if (ext === undefined) {
    const r = file.validate(profileSchemas().profile);
    return r.value ? { profile: r.value, problems: [] } : { problems: r.problems };
  }
  const override = file.validate(profileSchemas().override);
  if (!override.value) return { problems: override.problems };
  const base = known(override.value.extends);
  if (!base) return { problems: [{ message: `Unknown profile "${override.value.extends}" in extends.`, path: 'extends', range: file.locate(['extends']) }] };
  const { extends: _ignored, ...rest } = override.value;
  void _ignored;
  const ProfileSchema = profileSchemas().profile;
  const result = ProfileSchema.safeParse({ ...base, ...rest });
  if (result.success) return { profile: result.data, problems: [] };
  // Validate the override's own members at their own paths.
  const strict = file.validate(ProfileSchema.partial().extend({ id: ProfileSchema.shape.id, extends: z.string() }).strict());
  const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return { problems: strict.problems.length > 0 ? strict.problems : result.error.issues.map((i) => ({ message: i.message, path: i.path.join('.'), range: zero })) };
}

/** Section specs in template order, depth first. */
export function flattenSpecs(specs: SectionSpec[]): SectionSpec[] {
  const out: SectionSpec[] = [];
  const walk = (list: SectionSpec[]): void => {
    for (const s of list) {
      out.push(s);
      walk(s.children);
    }
  };
  walk(specs);
  return out;
}

/** Each section spec's parent in the template (undefined at the top level). */
export function specParents(profile: Profile): Map<SectionSpec, SectionSpec | undefined> {
  const out = new Map<SectionSpec, SectionSpec | undefined>();
  const walk = (list: SectionSpec[], parent: SectionSpec | undefined): void => {
    for (const s of list) {
      out.set(s, parent);
      walk(s.children, s);
    }
  };
  walk(profile.sections, undefined);
  return out;
}

/** The heading text the template expects for a section. */
export function canonicalHeading(spec: SectionSpec, profile: Profile): string {
  if (!profile.numberedHeadings || !spec.number) return spec.title;
  return spec.level <= 2 ? `${spec.number}. ${spec.title}` : `${spec.number} ${spec.title}`;
}
