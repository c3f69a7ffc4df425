import type { ExecutionEvent, TeamEvent } from '@hookflow/shared';
import { SignJWT } from 'jose';
import { testEnvironments } from '../test-support/environments.js';
import { EventStreamReader } from '../test-support/event-stream-reader.js';
import { webhookToSink } from '../test-support/flow-fixtures.js';
import { HttpSink } from '../test-support/http-sink.js';
import { startTestApp, type SignedUp, type TestApp } from '../test-support/test-app.js';

const JWT_SECRET = 'stream-access-spec-secret-long-enough';
// Streams re-check access every second here (30 s by default).
const CHECK_SECONDS = 1;
// The check interval plus room for the query on a busy machine.
const BOUND_MS = CHECK_SECONDS * 1000 + 4000;

describe.each(testEnvironments())('Open streams lose access ($name mode)', (environment) => {
  let app: TestApp;
  let sink: HttpSink;
  let owner: SignedUp;
  let teamId: string;
  let flow: { flowId: string; hookUrl: string };
  let counter = 0;
  const readers: Array<EventStreamReader<unknown>> = [];

  const openTeamStream = async (as: string | Record<string, string>) => {
    const reader = new EventStreamReader<TeamEvent>();
    readers.push(reader);
    expect(await reader.open(`${app.url}/api/teams/${teamId}/events`, as)).toBe(200);
    return reader;
  };
  const rename = (name: string) =>
    app.request('PATCH', `/api/teams/${teamId}/flows/${flow.flowId}`, {
      token: owner.token,
      body: { name },
    });
  const hears = (reader: EventStreamReader<TeamEvent>, what: string) =>
    reader.waitFor(what, (event) => event.type === 'flow.changed' && event.flowId === flow.flowId);
  const join = async (role: 'viewer' | 'editor') => {
    const member = await app.signup('Member');
    const added = await app.request('POST', `/api/teams/${teamId}/members`, {
      token: owner.token,
      body: { email: member.user.email, role },
    });
    expect(added.status).toBe(201);
    return member;
  };
  const browserSignup = async () => {
    const email = `browser.${process.pid}.${++counter}@example.com`;
    const password = 'a long enough password';
    const response = await app.request('POST', '/api/auth/signup', {
      body: { email, password, name: 'Browser' },
    });
    expect(response.status).toBe(201);
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('hf_session='))!;
    return {
      email,
      password,
      userId: response.body.user.id as string,
      cookie: setCookie.split(';')[0],
      csrfToken: response.body.csrfToken as string,
    };
  };

  beforeAll(async () => {
    sink = await new HttpSink().start();
    app = await startTestApp(environment, {
      JWT_SECRET,
      OUTBOUND_ALLOWLIST: '127.0.0.1/32',
      STREAM_RECHECK_SECONDS: String(CHECK_SECONDS),
    });
    owner = await app.signup('Owner');
    teamId = owner.team.id;
    flow = await app.publishFlow(owner.token, teamId, 'Watched', webhookToSink(`${sink.url}/x`));
  });
  afterEach(async () => {
    sink.release();
    await Promise.all(readers.splice(0).map((reader) => reader.close()));
  });
  afterAll(async () => {
    await app.stop();
    await sink.stop();
  });

  it("ends a removed member's team and run streams within the check interval; others keep receiving", async () => {
    const leaving = await join('viewer');
    const staying = await join('viewer');
    // A run held on its HTTP call stays running, so its stream stays open until something ends it.
    sink.reply({ status: 200, hold: true });
    const { executionId } = (await (
      await fetch(flow.hookUrl, { method: 'POST', body: '{}' })
    ).json()) as { executionId: string };
    const runStream = new EventStreamReader<ExecutionEvent>();
    readers.push(runStream);
    const runUrl = `${app.url}/api/teams/${teamId}/executions/${executionId}/events`;
    expect(await runStream.open(runUrl, leaving.token)).toBe(200);
    await runStream.waitFor('run state', (event) => event.type === 'execution');
    const leavingTeam = await openTeamStream(leaving.token);
    const stayingTeam = await openTeamStream(staying.token);
    const ownerTeam = await openTeamStream(owner.token);

    // A role change keeps access (every role may watch).
    expect(
      (
        await app.request('PATCH', `/api/teams/${teamId}/members/${staying.user.id}`, {
          token: owner.token,
          body: { role: 'editor' },
        })
      ).status,
    ).toBe(200);
    const removedAt = Date.now();
    expect(
      (
        await app.request('DELETE', `/api/teams/${teamId}/members/${leaving.user.id}`, {
          token: owner.token,
        })
      ).status,
    ).toBe(204);
    await leavingTeam.waitForEnd("the removed member's team stream to end", BOUND_MS);
    await runStream.waitForEnd("the removed member's run stream to end", BOUND_MS);
    expect(Date.now() - removedAt).toBeLessThan(BOUND_MS);
    expect(
      (await app.request('GET', `/api/teams/${teamId}/events`, { token: leaving.token })).status,
    ).toBe(404);

    // Several checks later the others' streams are still open and still hear the team.
    await new Promise((resolve) => setTimeout(resolve, 3 * CHECK_SECONDS * 1000));
    expect((await rename('Watched, renamed')).status).toBe(200);
    await hears(stayingTeam, 'the staying member to hear the rename');
    await hears(ownerTeam, 'the owner to hear the rename');
    expect([stayingTeam.endedByServer, ownerTeam.endedByServer]).toEqual([false, false]);
    expect(leavingTeam.events).toEqual([]);
  });

  it("ends a browser session's streams at log-out and a token's at log-out-everywhere", async () => {
    const browser = await browserSignup();
    const loggedIn = await app.request('POST', '/api/auth/login', {
      body: { email: browser.email, password: browser.password, session: 'bearer' },
    });
    const bearer = loggedIn.body.token as string;
    const added = await app.request('POST', `/api/teams/${teamId}/members`, {
      token: owner.token,
      body: { email: browser.email, role: 'viewer' },
    });
    expect(added.status).toBe(201);
    const viaCookie = await openTeamStream({ cookie: browser.cookie });
    const viaBearer = await openTeamStream(bearer);

    const out = await app.request('POST', '/api/auth/logout', {
      headers: { cookie: browser.cookie },
    });
    expect(out.status).toBe(204);
    // The token stays valid (sessions are stateless), so only the log-out can have ended it.
    await viaCookie.waitForEnd('the logged-out browser stream to end', BOUND_MS);

    // The same user's other session is untouched by a log-out on one device.
    await new Promise((resolve) => setTimeout(resolve, 2 * CHECK_SECONDS * 1000));
    expect((await rename('Watched, again')).status).toBe(200);
    await hears(viaBearer, 'the other session to hear the rename');
    expect(viaBearer.endedByServer).toBe(false);

    expect(
      (await app.request('POST', '/api/auth/logout-everywhere', { token: bearer })).status,
    ).toBe(204);
    await viaBearer.waitForEnd('the bearer stream to end at log-out-everywhere', BOUND_MS);
  });

  it('ends an API key stream at the next check after the key is revoked', async () => {
    const member = await join('viewer');
    const key = await app.request('POST', '/api/me/api-keys', {
      token: member.token,
      body: { name: 'watcher' },
    });
    expect(key.status).toBe(201);
    const viaKey = await openTeamStream(key.body.key as string);
    const viaToken = await openTeamStream(member.token);
    await new Promise((resolve) => setTimeout(resolve, 2 * CHECK_SECONDS * 1000));
    expect(viaKey.endedByServer).toBe(false);
    const revoked = await app.request('DELETE', `/api/me/api-keys/${key.body.id as string}`, {
      token: member.token,
    });
    expect(revoked.status).toBe(204);
    await viaKey.waitForEnd('the revoked key stream to end', BOUND_MS);
    expect(viaToken.endedByServer).toBe(false);
  });

  it('ends a stream when the session it was opened with expires', async () => {
    const member = await join('viewer');
    const now = Math.floor(Date.now() / 1000);
    const shortLived = await new SignJWT({ ver: 0, sst: now })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(member.user.id)
      .setJti(`short-${now}`)
      .setIssuedAt(now)
      .setExpirationTime(now + 2)
      .sign(new TextEncoder().encode(JWT_SECRET));
    const expiring = await openTeamStream(shortLived);
    const lasting = await openTeamStream(member.token);
    await expiring.waitForEnd('the expired session stream to end', 2000 + BOUND_MS);
    expect(lasting.endedByServer).toBe(false);
  });
});
