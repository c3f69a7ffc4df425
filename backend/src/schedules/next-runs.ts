import { CronExpressionParser } from 'cron-parser';

/** A schedule that cannot run, naming the field of `trigger.schedule` at fault. */
export class ScheduleConfigError extends Error {
  constructor(
    readonly field: 'cron' | 'timezone',
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'ScheduleConfigError';
  }
}

/** Whether `timezone` is an IANA time zone name (or UTC) this runtime knows. */
export function isTimeZone(timezone: string): boolean {
  if (timezone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks a `trigger.schedule` config: five cron fields (minute hour day-of-month month
 * day-of-week), six with leading seconds, or a macro such as `@daily`; and an IANA time zone.
 * Throws a ScheduleConfigError naming the field.
 */
export function assertValidSchedule(cron: string, timezone: string): void {
  parseSchedule(cron, timezone, new Date());
}

/**
 * The next `count` times `cron` fires in `timezone`, strictly after `from`: what the editor shows
 * under the field, and what the scheduler will do (BullMQ computes ticks with the same parser).
 */
export function nextRunTimes(
  cron: string,
  timezone: string,
  count = 5,
  from: Date = new Date(),
): Date[] {
  if (!Number.isInteger(count) || count < 0)
    throw new RangeError('count must be a whole number ≥ 0');
  return parseSchedule(cron, timezone, from)
    .take(count)
    .map((date) => date.toDate());
}

function parseSchedule(cron: string, timezone: string, from: Date) {
  if (!isTimeZone(timezone)) {
    throw new ScheduleConfigError(
      'timezone',
      `"${timezone}" is not an IANA time zone (for example Europe/Berlin or UTC)`,
    );
  }
  const expression = cron.trim();
  const fields = expression.split(/\s+/).length;
  if (!expression.startsWith('@') && (fields < 5 || fields > 6)) {
    throw new ScheduleConfigError(
      'cron',
      `"${cron}" has ${expression === '' ? 0 : fields} fields; expected 5 (minute hour day-of-month month day-of-week) or 6 with seconds first`,
    );
  }
  try {
    return CronExpressionParser.parse(expression, {
      tz: timezone,
      currentDate: from,
      strict: false,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ScheduleConfigError('cron', `"${cron}" is not a valid cron expression (${reason})`);
  }
}
