import type { TeamEvent } from '@hookflow/shared';
import { testEnvironments } from '../test-support/environments.js';
import { EventStreamReader } from '../test-support/event-stream-reader.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type TestApp } from '../test-support/test-app.js';

type Created = Extract<TeamEvent, { type: 'execution.created' }>;

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe.each(testEnvironments())('Team live events ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let token: string;
  let teamId: string;
  let other: { token: string; teamId: string };
  const readers: Array<EventStreamReader<TeamEvent>> = [];
  const openStream = async (team: string, as: string | undefined) => {
    const reader = new EventStreamReader<TeamEvent>();
    readers.push(reader);
    const status = await reader.open(`${app.url}/api/teams/${team}/events`, as);
    return { reader, status };
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, { OUTBOUND_ALLOWLIST: '127.0.0.1/32' });
    ({
      token,
      team: { id: teamId },
    } = await app.signup('Watcher'));
    const stranger = await app.signup('Stranger');
    other = { token: stranger.token, teamId: stranger.team.id };
  });
  afterEach(async () => {
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it('streams runs started by the test and production URLs, created then finished, to the team only', async () => {
    const { flowId, hookUrl, testHookUrl } = await app.publishFlow(
      token,
      teamId,
      'Live',
      webhookToSink(`${sink.url}/live`),
    );
    const mine = await openStream(teamId, token);
    const theirs = await openStream(other.teamId, other.token);
    expect([mine.status, theirs.status]).toEqual([200, 200]);

    const testRun = (await (await post(testHookUrl, { n: 1 })).json()) as { executionId: string };
    const productionRun = (await (await post(hookUrl, { n: 2 })).json()) as {
      executionId: string;
    };

    for (const [run, source] of [
      [testRun, 'test'],
      [productionRun, 'production'],
    ] as const) {
      const created = await mine.reader.waitFor(`${source} run created`, (event) =>
        'executionId' in event ? event.executionId === run.executionId : false,
      );
      // Ids and statuses only: nothing of the request travels on the stream.
      expect(created).toEqual({
        type: 'execution.created',
        executionId: run.executionId,
        flowId,
        source,
        status: 'queued',
      } satisfies Created);
      await mine.reader.waitFor(
        `${source} run finished`,
        (event) => event.type === 'execution.finished' && event.executionId === run.executionId,
      );
      expect(
        mine.reader.events.filter(
          (event) => event.type === 'execution.finished' && event.executionId === run.executionId,
        ),
      ).toEqual([
        { type: 'execution.finished', executionId: run.executionId, flowId, status: 'succeeded' },
      ]);
    }
    expect(mine.reader.events.map((event) => event.type)).not.toContain('flow.changed');
    expect(JSON.stringify(mine.reader.events)).not.toContain('"n"');
    expect(theirs.reader.events).toEqual([]);
  });

  it('streams manual runs and flow changes: saved, published, disabled, enabled, deleted', async () => {
    const { flowId } = await app.publishFlow(token, teamId, 'Changes', webhookToSink(sink.url));
    const mine = await openStream(teamId, token);
    const changesHeard = () =>
      mine.reader.events.flatMap((event) => (event.type === 'flow.changed' ? [event.change] : []));
    const api = (method: 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
      app.request(method, `/api/teams/${teamId}/flows/${flowId}${path}`, { token, body });

    const manual = await api('POST', '/run', { payload: { x: 1 } });
    await mine.reader.waitFor(
      'manual run created',
      (event) =>
        event.type === 'execution.created' &&
        event.executionId === manual.body.executionId &&
        event.source === 'manual',
    );
    await api('PATCH', '', { name: 'Changes, renamed' });
    await api('POST', '/publish');
    await api('POST', '/disable');
    await api('POST', '/enable');
    await api('DELETE', '');
    await mine.reader.waitFor('the delete', () => changesHeard().includes('deleted'));
    expect(changesHeard()).toEqual(['saved', 'published', 'disabled', 'enabled', 'deleted']);
    expect(mine.reader.events.every((event) => event.flowId === flowId)).toBe(true);
  });

  it('refuses a stream without a session (401) and for a team the caller is not in (404)', async () => {
    expect((await openStream(teamId, undefined)).status).toBe(401);
    expect((await openStream(other.teamId, token)).status).toBe(404);
    expect((await openStream('not-a-team', token)).status).toBe(404);
  });

  it('says whether the draft differs from the published version, in the flow and the list', async () => {
    const definition = webhookToSink(sink.url);
    const { flowId } = await app.publishFlow(token, teamId, 'Badge', definition);
    const flowPath = `/api/teams/${teamId}/flows/${flowId}`;
    const state = async () => {
      const view = await app.request('GET', flowPath, { token });
      const list = await app.request('GET', `/api/teams/${teamId}/flows`, { token });
      const row = (list.body as Array<{ id: string; hasUnpublishedChanges: boolean }>).find(
        (flow) => flow.id === flowId,
      );
      return [view.body.hasUnpublishedChanges, row?.hasUnpublishedChanges];
    };
    expect(await state()).toEqual([false, false]);
    // Saving the same draft again (as autosave does) is not a change.
    await app.request('PATCH', flowPath, { token, body: { definition } });
    expect(await state()).toEqual([false, false]);
    const moved = structuredClone(definition);
    moved.nodes[1].config = { ...moved.nodes[1].config, method: 'PUT' };
    const saved = await app.request('PATCH', flowPath, { token, body: { definition: moved } });
    expect(saved.body.hasUnpublishedChanges).toBe(true);
    expect(await state()).toEqual([true, true]);
    await app.request('POST', `${flowPath}/publish`, { token });
    expect(await state()).toEqual([false, false]);

    const draft = await app.request('POST', `/api/teams/${teamId}/flows`, {
      token,
      body: { name: 'Never published', definition },
    });
    expect(draft.body.hasUnpublishedChanges).toBe(false);
  });
});
