import { aFlow } from '../test-support/engine-test-factories.js';
import { planNextSteps, resumeFrom, type StepStates } from './execution-plan.js';
import { FlowGraph } from './flow-graph.js';

const ok = { status: 'succeeded' } as const;
const graphOf = (...edges: string[]) => FlowGraph.from(aFlow(...edges));

describe(planNextSteps.name, () => {
  const branch = graphOf('t>if', 'if>yes:true', 'if>no:false', 'yes>after', 'no>after2');

  it('starts with the trigger until it is recorded', () => {
    expect(planNextSteps(branch, {})).toEqual({
      ready: ['t'],
      skip: [],
      finished: false,
      failed: false,
    });
  });

  it('follows the chosen branch of logic.if and skips the other, transitively', () => {
    const plan = planNextSteps(branch, { t: ok, if: { status: 'succeeded', handle: 'true' } });

    expect(plan.ready).toEqual(['yes']);
    expect(plan.skip).toEqual(['no', 'after2']);
    expect(plan.finished).toBe(false);
  });

  it('follows the false branch', () => {
    const plan = planNextSteps(branch, { t: ok, if: { status: 'succeeded', handle: 'false' } });

    expect(plan.ready).toEqual(['no']);
    expect(plan.skip).toEqual(['yes', 'after']);
  });

  it('ends a branch at a stopped filter without failing the run', () => {
    const sut = graphOf('t>filter', 'filter>a', 'a>b', 't>c');
    const states: StepStates = { t: ok, filter: { status: 'succeeded', stop: true }, c: ok };

    expect(planNextSteps(sut, states)).toEqual({
      ready: [],
      skip: ['a', 'b'],
      finished: true,
      failed: false,
    });
  });

  it('fans out, then joins once every source is settled', () => {
    const sut = graphOf('t>a', 't>b', 'a>join', 'b>join');

    expect(planNextSteps(sut, { t: ok }).ready).toEqual(['a', 'b']);
    expect(planNextSteps(sut, { t: ok, a: ok, b: { status: 'running' } }).ready).toEqual([]);
    expect(planNextSteps(sut, { t: ok, a: ok, b: ok }).ready).toEqual(['join']);
  });

  it('runs a join when only one of its branches was taken', () => {
    const sut = graphOf('t>if', 'if>a:true', 'if>b:false', 'a>join', 'b>join');
    const states = { t: ok, if: { status: 'succeeded', handle: 'true' }, a: ok } as const;

    expect(planNextSteps(sut, states)).toMatchObject({ ready: ['join'], skip: ['b'] });
  });

  it('stops planning when a step fails, and finishes once running steps end', () => {
    const sut = graphOf('t>a', 't>b', 'a>c', 'b>d');
    const running: StepStates = { t: ok, a: { status: 'failed' }, b: { status: 'running' } };

    expect(planNextSteps(sut, running)).toEqual({
      ready: [],
      skip: [],
      finished: false,
      failed: true,
    });
    expect(planNextSteps(sut, { ...running, b: ok })).toMatchObject({
      ready: [],
      finished: true,
      failed: true,
    });
  });

  it('is not finished while a step waits, and ignores nodes the trigger cannot reach', () => {
    const sut = graphOf('t>delay', 'x>y', 'x>join', 'delay>join');

    expect(planNextSteps(sut, { t: ok, delay: { status: 'waiting' } }).finished).toBe(false);
    expect(planNextSteps(sut, { t: ok, delay: ok }).ready).toEqual(['join']);
    expect(planNextSteps(sut, { t: ok, delay: ok, join: ok })).toEqual({
      ready: [],
      skip: [],
      finished: true,
      failed: false,
    });
  });
});

describe(resumeFrom.name, () => {
  const sut = graphOf('t>a', 'a>b', 'b>c', 't>if', 'if>x:true', 'if>y:false');
  const states: StepStates = {
    t: ok,
    a: ok,
    b: { status: 'failed' },
    if: { status: 'succeeded', handle: 'true' },
    x: ok,
    y: { status: 'skipped' },
  };

  it("keeps only the trigger in 'start' mode", () => {
    expect(resumeFrom(sut, states, 'start')).toEqual({ t: ok });
  });

  it("keeps completed steps and drops failed ones and their descendants in 'failed' mode", () => {
    const resumed = resumeFrom(sut, { ...states, c: { status: 'skipped' } }, 'failed');

    expect(resumed).toEqual({
      t: ok,
      a: ok,
      if: { status: 'succeeded', handle: 'true' },
      x: ok,
      y: { status: 'skipped' },
    });
    expect(planNextSteps(sut, resumed).ready).toEqual(['b']);
  });
});
