import { RE2JS } from 're2js';

// JSONata regex literals take the i and m flags (and always g, which only means "search on").
const FLAGS: Record<string, number> = { i: RE2JS.CASE_INSENSITIVE, m: RE2JS.MULTILINE };
const MAX_CACHED = 500;
const compiled = new Map<string, RE2JS>();

/** A regex JSONata accepted that the linear-time engine cannot run. */
export class UnsupportedRegExpError extends Error {
  constructor(regexp: RegExp, reason: string) {
    super(
      `Regular expression /${regexp.source}/ is not supported (${reason}); expressions use a ` +
        'linear-time regex engine, without backreferences or lookahead',
    );
    this.name = 'UnsupportedRegExpError';
  }
}

/** Compiles a regex literal for RE2; the same literal is compiled once. */
export function compileLinearRegExp(regexp: RegExp): RE2JS {
  const key = `${regexp.flags}/${regexp.source}`;
  let pattern = compiled.get(key);
  if (!pattern) {
    const flags = [...regexp.flags].reduce((bits, flag) => bits | (FLAGS[flag] ?? 0), 0);
    try {
      pattern = RE2JS.compile(RE2JS.translateRegExp(regexp.source), flags);
    } catch (error) {
      const reason = (error as Error).message.replace(/^error parsing regexp: /, '');
      throw new UnsupportedRegExpError(regexp, reason);
    }
    if (compiled.size >= MAX_CACHED) compiled.clear();
    compiled.set(key, pattern);
  }
  return pattern;
}

/**
 * What JSONata needs of a regex engine (its `RegexEngine` option): `new Engine(regexp)`, then
 * `exec` from `lastIndex` on, as a global RegExp does. Matching is linear in the input, so
 * `$match(s, /(a+)+$/)` cannot backtrack for ever; indices are UTF-16 offsets, as in JavaScript.
 */
export class LinearRegExp {
  lastIndex = 0;
  private readonly pattern: RE2JS;
  // JSONata calls exec again and again on one input ($match, $replace, $split): one matcher.
  private matcher?: { input: string; matcher: ReturnType<RE2JS['matcher']> };

  constructor(regexp: RegExp) {
    this.pattern = compileLinearRegExp(regexp);
  }

  exec(input: string): RegExpExecArray | null {
    if (this.matcher?.input !== input)
      this.matcher = { input, matcher: this.pattern.matcher(input) };
    const { matcher } = this.matcher;
    if (this.lastIndex > input.length || !matcher.find(this.lastIndex)) {
      this.lastIndex = 0;
      return null;
    }
    const groups = Array.from({ length: matcher.groupCount() + 1 }, (_, i) => {
      const group = matcher.group(i);
      return group === null ? undefined : group;
    });
    this.lastIndex = matcher.end();
    return Object.assign(groups, { index: matcher.start(), input }) as RegExpExecArray;
  }
}
