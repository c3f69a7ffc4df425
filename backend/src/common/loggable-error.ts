import { QueryFailedError } from 'typeorm';

/**
 * A one-line description of an error that is safe to log: its class, code and message, with no
 * SQL parameters, query text or driver detail (TypeORM's QueryFailedError carries them all, and
 * they hold trigger keys, request bodies and password hashes). Postgres quotes offending values
 * in some messages (`invalid input syntax for type uuid: "…"`); those are masked too.
 */
export function loggableError(error: unknown): string {
  if (!(error instanceof Error)) return `non-error thrown (${typeof error})`;
  if (error instanceof QueryFailedError) {
    const driver = error.driverError as {
      code?: string;
      table?: string;
      column?: string;
      constraint?: string;
    };
    const where = [driver.table, driver.column, driver.constraint].filter(Boolean).join('/');
    return `QueryFailedError ${driver.code ?? ''}${where ? ` on ${where}` : ''}: ${maskQuoted(error.message)}`;
  }
  return `${error.name}: ${error.message}`;
}

/** Stack frames only: the first line of a stack repeats the message. */
export function stackFrames(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.stack) return undefined;
  return error.stack
    .split('\n')
    .filter((line) => line.trimStart().startsWith('at '))
    .join('\n');
}

const maskQuoted = (message: string) => message.replace(/"[^"]*"/g, '"…"');
