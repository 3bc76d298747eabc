import executive from './builtin/leicester-city-executive.json';
import scrutiny from './builtin/leicester-city-scrutiny.json';
import county from './builtin/leicestershire-county-committee.json';
import { ProfileOverrideSchema, ProfileSchema, type Profile, type SectionSpec } from './schema.js';
import { readDataFile, type DataProblem } from '../datafile.js';
import { z } from 'zod';

/** Built-in profiles, validated once at load (a broken built-in is a bug: throw). */
export const BUILTIN_PROFILES: readonly Profile[] = [executive, scrutiny, county].map((p) => ProfileSchema.parse(p));

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

const ProfileFileSchema = z.union([ProfileSchema, ProfileOverrideSchema]);

/**
 * Reads a workspace profile file (JSON or YAML). A profile with `extends` starts from
 * the named profile: top-level fields it gives replace the base's (arrays whole).
 * Problems carry the exact path and range of the bad value.
 */
export function readProfileFile(text: string, known: (id: string) => Profile | undefined): { profile?: Profile; problems: DataProblem[] } {
  const first = readDataFile(text, ProfileFileSchema);
  if (!first.value) {
    // Re-validate against the full schema when there is no `extends`, for precise paths.
    const raw = readDataFile(text, z.object({ extends: z.string().optional() }).passthrough());
    if (raw.value && raw.value.extends === undefined) return readDataFile(text, ProfileSchema);
    return readDataFile(text, ProfileOverrideSchema);
  }
  const value = first.value as Record<string, unknown>;
  if (typeof value.extends !== 'string') return { profile: value as Profile, problems: [] };
  const base = known(value.extends);
  if (!base) {
    const r = readDataFile(text, z.object({ extends: z.literal('\u0000') }).passthrough());
    const range = r.problems.find((p) => p.path === 'extends')?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    return { problems: [{ message: `Unknown profile "${value.extends}" in extends.`, path: 'extends', range }] };
  }
  const { extends: _ignored, ...rest } = value;
  void _ignored;
  const merged = { ...base, ...rest };
  const result = ProfileSchema.safeParse(merged);
  if (result.success) return { profile: result.data, problems: [] };
  // Validate the override's own members at their own paths.
  const strict = readDataFile(text, ProfileSchema.partial().extend({ id: ProfileSchema.shape.id, extends: z.string() }).strict());
  return { problems: strict.problems.length > 0 ? strict.problems : result.error.issues.map((i) => ({ message: i.message, path: i.path.join('.'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } })) };
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

/** The heading text the template expects for a section. */
export function canonicalHeading(spec: SectionSpec, profile: Profile): string {
  if (!profile.numberedHeadings || !spec.number) return spec.title;
  return spec.level <= 2 ? `${spec.number}. ${spec.title}` : `${spec.number} ${spec.title}`;
}
