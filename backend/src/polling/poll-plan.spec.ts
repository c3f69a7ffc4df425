import type { FlowDefinition } from '@hookflow/shared';
import { pollConfigOf, pollFingerprint, pollIssues, pollTimingFor } from './poll-plan.js';

const withPoll = (config: Record<string, unknown>): Pick<FlowDefinition, 'nodes'> => ({
  nodes: [
    {
      id: 'poll',
      type: 'trigger.poll',
      name: 'Orders',
      position: { x: 0, y: 0 },
      config: { url: 'https://api.example.com/orders', ...config },
    },
  ],
});

describe('poll plan', () => {
  it('polls a published flow every intervalSeconds, or on its cron in its time zone', () => {
    const published = (config: Record<string, unknown>) =>
      pollTimingFor({ status: 'published', definition: withPoll(config) });
    expect(published({ intervalSeconds: 45 })).toEqual({ kind: 'interval', everyMs: 45_000 });
    // The description's default applies when the field was never set.
    expect(published({})).toEqual({ kind: 'interval', everyMs: 300_000 });
    expect(published({ every: 'cron', cron: ' */5 * * * * ', timezone: 'Europe/Berlin' })).toEqual({
      kind: 'cron',
      cron: '*/5 * * * *',
      timezone: 'Europe/Berlin',
    });
  });

  it('does not poll drafts, disabled flows or flows with another trigger', () => {
    expect(pollTimingFor({ status: 'draft', definition: withPoll({}) })).toBeUndefined();
    expect(pollTimingFor({ status: 'disabled', definition: withPoll({}) })).toBeUndefined();
    expect(pollTimingFor({ status: 'published', definition: { nodes: [] } })).toBeUndefined();
  });

  it('refuses crons that poll closer than 30 s apart, bad URLs and broken expressions', () => {
    const fields = (config: Record<string, unknown>) =>
      pollIssues(withPoll(config)).map((issue) => [issue.field, issue.message]);
    expect(fields({ every: 'cron', cron: '*/10 * * * * *' })).toEqual([
      ['cron', expect.stringMatching(/polls 10 s apart; polls must be at least 30 s apart/)],
    ]);
    expect(fields({ every: 'cron', cron: '*/30 * * * * *' })).toEqual([]);
    expect(fields({ every: 'cron', cron: '* * *' })).toEqual([['cron', expect.any(String)]]);
    expect(fields({ every: 'cron', cron: '0 * * * *', timezone: 'Mars/Base' })).toEqual([
      ['timezone', expect.stringContaining('Mars/Base')],
    ]);
    expect(fields({ url: 'ftp://files.example.com/x' })).toEqual([
      ['url', expect.stringContaining('not an http(s) URL')],
    ]);
    expect(fields({ idPath: '{{ updated_at & }}' })).toEqual([['idPath', expect.any(String)]]);
    expect(fields({ idPath: '{{ updated_at & id }}', itemsPath: 'data' })).toEqual([]);
  });

  it('fingerprints what the seen keys depend on, and nothing else', () => {
    const base = pollConfigOf(withPoll({}).nodes[0]);
    const same = pollFingerprint(base);
    expect(pollFingerprint({ ...base, intervalSeconds: 60, includeExisting: true })).toBe(same);
    expect(pollFingerprint({ ...base, idPath: 'uid' })).not.toBe(same);
    expect(pollFingerprint({ ...base, url: 'https://api.example.com/other' })).not.toBe(same);
    expect(pollFingerprint({ ...base, query: { status: 'paid' } })).not.toBe(same);
  });
});
