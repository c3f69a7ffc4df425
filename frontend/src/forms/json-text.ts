/** What is wrong with JSON text, where, and the likely fix. */
export interface JsonProblem {
  line: number;
  column: number;
  /** e.g. `unquoted text at line 3 col 5 — did you mean "ada"?` */
  message: string;
}

class Problem extends Error {
  constructor(
    readonly at: number,
    readonly what: string,
    readonly fix = '',
  ) {
    super(what);
  }
}

const WORD = /"(?:[^"\\\n]|\\.)*"?|[^\s,:{}[\]"]+/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/**
 * Finds the first problem in text that JSON.parse refuses, in words a person can act on:
 * "unquoted text at line 3 col 5 — did you mean "ada"?". Null when the text is valid JSON.
 */
export function findJsonProblem(text: string): JsonProblem | null {
  let pos = 0;
  const space = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const word = () => {
    WORD.lastIndex = pos;
    return WORD.exec(text)?.[0] ?? text[pos];
  };
  const string = () => {
    const start = pos++;
    while (pos < text.length && text[pos] !== '"') {
      if (text[pos] === '\n') break;
      pos += text[pos] === '\\' ? 2 : 1;
    }
    if (text[pos] !== '"') throw new Problem(start, 'text in quotes', 'close it with "');
    pos++;
  };
  const bare = (what: string) => {
    const start = pos;
    if (/[,:}\]]/.test(text[pos]))
      throw new Problem(start, what === 'text' ? 'missing value' : `missing ${what}`);
    if (text.startsWith('{{', pos)) {
      const end = text.indexOf('}}', pos);
      const placeholder = end === -1 ? text.slice(pos) : text.slice(pos, end + 2);
      throw new Problem(start, `unquoted ${what}`, `did you mean "${placeholder}"?`);
    }
    if (text[pos] === "'") throw new Problem(start, 'single quotes', 'JSON needs "double quotes"');
    throw new Problem(start, `unquoted ${what}`, `did you mean "${word()}"?`);
  };
  const list = (close: string, item: () => void) => {
    pos++;
    space();
    if (text[pos] === close) return void pos++;
    for (;;) {
      item();
      space();
      if (text[pos] === close) return void pos++;
      if (text[pos] !== ',') {
        if (pos >= text.length) throw new Problem(pos, `missing ${close}`, 'close it at the end');
        throw new Problem(pos, 'missing comma', `add "," before ${word()}`);
      }
      const comma = pos++;
      space();
      if (text[pos] === close) throw new Problem(comma, `comma before ${close}`, 'remove it');
    }
  };
  const value = (): void => {
    space();
    const ch = text[pos];
    if (ch === undefined) throw new Problem(pos, 'missing value', 'add one at the end');
    if (ch === '"') return string();
    if (ch === '{' && text[pos + 1] !== '{')
      return list('}', () => {
        space();
        if (text[pos] !== '"') bare('name');
        string();
        space();
        if (text[pos] !== ':') throw new Problem(pos, 'missing ":"', 'add it after the name');
        pos++;
        value();
      });
    if (ch === '[') return list(']', value);
    for (const literal of ['true', 'false', 'null'])
      if (text.startsWith(literal, pos) && !/[\w$]/.test(text[pos + literal.length] ?? '')) {
        pos += literal.length;
        return;
      }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number && !/[\w.$]/.test(text[pos + number[0].length] ?? '')) {
      pos += number[0].length;
      return;
    }
    bare('text');
  };
  try {
    value();
    space();
    if (pos < text.length)
      throw new Problem(pos, 'more text after the value', 'wrap all in [ ] or { }');
    return null;
  } catch (caught) {
    if (!(caught instanceof Problem)) throw caught;
    const before = text.slice(0, caught.at).split('\n');
    const line = before.length;
    const column = before[before.length - 1].length + 1;
    const fix = caught.fix ? ` — ${caught.fix}` : '';
    return { line, column, message: `${caught.what} at line ${line} col ${column}${fix}` };
  }
}

/** Whether the caret at `offset` of JSON text sits inside a "string". */
export function isInsideJsonString(text: string, offset: number): boolean {
  let inside = false;
  for (let i = 0; i < offset; i++) {
    if (inside && text[i] === '\\') i++;
    else if (text[i] === '"') inside = !inside;
  }
  return inside;
}
