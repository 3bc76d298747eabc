import { parseArgs, type ParseArgsConfig } from 'node:util';
import { closest, distance } from 'fastest-levenshtein';
import { isValidDate } from '../core/dates/simple.js';
import { beforeFirst } from '../core/text.js';

/** A mistake in the command's words: printed with the usage, exit 2. */
export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

/** The nearest option name, when it is a likely slip (a third of the name or less). */
function suggestion(typed: string, options: Options): string | undefined {
  const names = Object.keys(options);
  if (names.length === 0) return undefined;
  const best = closest(typed, names);
  return distance(typed, best) <= Math.max(1, Math.floor(best.length / 3)) ? best : undefined;
}

/**
 * `util.parseArgs` with messages for people: "unknown option --frmat; did you mean
 * --format?" instead of Node's own wording, and "--format needs a value".
 */
export function parseCommandArgs<O extends Options>(argv: string[], options: O) {
  try {
    return parseArgs({ args: argv, allowPositionals: true, strict: true, options });
  } catch (e) {
    const code = (e as { code?: string }).code;
    const message = e instanceof Error ? e.message : String(e);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = /'(-{1,2}[^'\s]*)'/.exec(message)?.[1] ?? '';
      const bare = beforeFirst(typed.replace(/^-+/, ''), '=');
      const near = bare.length > 1 ? suggestion(bare, options) : undefined;
      throw new UsageError(`unknown option ${typed || '(unreadable)'}${near ? `; did you mean --${near}?` : ''}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /--([\w-]+)/.exec(message)?.[1];
      const opt = name ? options[name] : undefined;
      throw new UsageError(name && opt?.type === 'string' ? `--${name} needs a value` : name ? `--${name} takes no value` : message);
    }
    throw new UsageError(message);
  }
}

/** `--today`'s value: a real calendar date written yyyy-mm-dd. */
export function checkTodayOption(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new UsageError(`--today takes a date as yyyy-mm-dd (got "${value}")`);
  if (!isValidDate(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) throw new UsageError(`--today ${value} is not a date in the calendar`);
  return value;
}
