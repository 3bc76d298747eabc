import executive from './builtin/leicester-city-executive.json';
import scrutiny from './builtin/leicester-city-scrutiny.json';
import county from './builtin/leicestershire-county-committee.json';

/**
 * The built-in profiles as written, in the order the registry lists them. They are
 * validated (and their defaults filled in) by `npm run generate`, which writes
 * builtin/validated.generated.json: the checker loads that file and never validates a
 * built-in at run time (`npm run generate:check` fails while it is stale).
 */
export const BUILTIN_SOURCES: readonly unknown[] = [executive, scrutiny, county];
