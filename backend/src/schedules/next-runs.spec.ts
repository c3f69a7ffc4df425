import { isTimeZone, nextRunTimes, ScheduleConfigError } from './next-runs.js';

const iso = (dates: Date[]) => dates.map((date) => date.toISOString());

describe(nextRunTimes.name, () => {
  const monday0759Utc = new Date('2025-01-06T07:59:30Z');

  it('lists weekday mornings in the schedule’s time zone', () => {
    expect(iso(nextRunTimes('0 9 * * 1-5', 'Europe/Berlin', 3, monday0759Utc))).toEqual([
      '2025-01-06T08:00:00.000Z',
      '2025-01-07T08:00:00.000Z',
      '2025-01-08T08:00:00.000Z',
    ]);
  });

  it('gives five times by default, strictly after `from`', () => {
    const times = nextRunTimes('*/15 * * * *', 'UTC', undefined, new Date('2025-01-06T08:00:00Z'));

    expect(iso(times)).toEqual([
      '2025-01-06T08:15:00.000Z',
      '2025-01-06T08:30:00.000Z',
      '2025-01-06T08:45:00.000Z',
      '2025-01-06T09:00:00.000Z',
      '2025-01-06T09:15:00.000Z',
    ]);
  });

  it('follows daylight saving time', () => {
    // Europe/Berlin moves from UTC+1 to UTC+2 on 2025-03-30.
    const times = nextRunTimes('0 9 * * *', 'Europe/Berlin', 2, new Date('2025-03-29T12:00:00Z'));

    expect(iso(times)).toEqual(['2025-03-30T07:00:00.000Z', '2025-03-31T07:00:00.000Z']);
  });

  it('takes six fields with seconds first, and macros', () => {
    expect(iso(nextRunTimes('* * * * * *', 'UTC', 2, monday0759Utc))).toEqual([
      '2025-01-06T07:59:31.000Z',
      '2025-01-06T07:59:32.000Z',
    ]);
    expect(iso(nextRunTimes('@daily', 'UTC', 1, monday0759Utc))).toEqual([
      '2025-01-07T00:00:00.000Z',
    ]);
  });

  it.each([
    ['61 * * * *', /^cron: "61 \* \* \* \*" is not a valid cron expression \(.*59/],
    ['0 9 * *', /^cron: "0 9 \* \*" has 4 fields; expected 5/],
    ['', /^cron: "" has 0 fields/],
    ['0 0 31 2 *', /^cron: .* is not a valid cron expression/],
  ])('names the cron field for %j', (cron, message) => {
    const attempt = () => nextRunTimes(cron, 'UTC');

    expect(attempt).toThrow(ScheduleConfigError);
    expect(attempt).toThrow(message);
  });

  it('names the time zone field for an unknown zone', () => {
    expect(() => nextRunTimes('0 9 * * *', 'Mars/Olympus_Mons')).toThrow(
      'timezone: "Mars/Olympus_Mons" is not an IANA time zone (for example Europe/Berlin or UTC)',
    );
    try {
      nextRunTimes('0 9 * * *', '');
    } catch (error) {
      expect(error).toMatchObject({ field: 'timezone' });
    }
  });
});

describe(isTimeZone.name, () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata'])(
    'knows %s',
    (zone) => expect(isTimeZone(zone)).toBe(true),
  );
  it.each(['', 'Berlin', 'GMT+25', 'Europe/Atlantis'])('refuses %j', (zone) =>
    expect(isTimeZone(zone)).toBe(false),
  );
});
