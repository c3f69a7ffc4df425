import { EventSourceStandIn } from '../test/event-source-stand-in';
import { subscribeTeamEvents, type LiveEvent } from './team-event-source';

const URL_T1 = '/api/teams/t1/events';
const created = {
  type: 'execution.created',
  executionId: 'x1',
  flowId: 'f1',
  source: 'test',
  status: 'queued',
} as const;

afterEach(() => jest.useRealTimers());

describe('subscribeTeamEvents', () => {
  it('shares one stream per team between listeners and closes it a moment after the last', () => {
    jest.useFakeTimers();
    const first: LiveEvent[] = [];
    const second: LiveEvent[] = [];
    const stopFirst = subscribeTeamEvents('t1', (event) => first.push(event));
    const stopSecond = subscribeTeamEvents('t1', (event) => second.push(event));
    const [source] = EventSourceStandIn.live(URL_T1);
    expect(EventSourceStandIn.live(URL_T1)).toHaveLength(1);
    expect(source.init).toEqual({ withCredentials: true });

    source.open();
    source.emit(created);
    expect(first).toEqual([created]);
    expect(second).toEqual([created]);

    stopFirst();
    expect(source.readyState).toBe(EventSourceStandIn.OPEN);
    stopSecond();
    // The next page subscribes in time: the same stream goes on.
    const stopNext = subscribeTeamEvents('t1', () => undefined);
    jest.advanceTimersByTime(5000);
    expect(EventSourceStandIn.live(URL_T1)).toEqual([source]);
    stopNext();
    jest.advanceTimersByTime(1999);
    expect(source.readyState).toBe(EventSourceStandIn.OPEN);
    jest.advanceTimersByTime(1);
    expect(source.readyState).toBe(EventSourceStandIn.CLOSED);
  });

  it('reopens a stream the server ended, waiting longer each time, and says it is back', () => {
    jest.useFakeTimers();
    const heard: LiveEvent[] = [];
    const stop = subscribeTeamEvents('t1', (event) => heard.push(event));
    const first = EventSourceStandIn.live(URL_T1)[0];
    first.open();
    first.fail();
    expect(EventSourceStandIn.live(URL_T1)).toHaveLength(0);

    jest.advanceTimersByTime(1000);
    const second = EventSourceStandIn.live(URL_T1)[0];
    expect(second).toBeDefined();
    second.fail();
    jest.advanceTimersByTime(1000);
    expect(EventSourceStandIn.live(URL_T1)).toHaveLength(0);
    jest.advanceTimersByTime(1000);
    const third = EventSourceStandIn.live(URL_T1)[0];
    third.open();
    expect(heard).toEqual([{ type: 'reconnected' }]);

    stop();
    jest.advanceTimersByTime(2000);
    expect(third.readyState).toBe(EventSourceStandIn.CLOSED);
  });
});
