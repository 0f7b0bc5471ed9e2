import { describe, expect, it } from 'vitest';
import { emptyCounts, type JobDetail, type JobStep, type JobSummary } from '../../../src/shared/jobs/job-model';
import { applyJobEvents, applyToDetail, filterSteps, fleetReport, groupFailures, stepChange } from '../../../src/renderer/features/jobs/job-progress';

function summary(id: string, createdAt: number, patch: Partial<JobSummary> = {}): JobSummary {
  return { id, name: id, kind: 'set', state: 'running', pauseReason: null, parentId: null, createdAt, startedAt: null, finishedAt: null, total: 2, counts: emptyCounts(), ...patch };
}

function step(endpointId: string, seq: number, patch: Partial<JobStep> = {}): JobStep {
  return {
    jobId: 'j1', endpointId, seq, state: 'queued', phase: 'idle', attempts: 0, errorCode: null, errorMessage: null, plan: null, expected: null,
    before: null, after: null, nextAt: null, expiresAt: null, queuedAt: 0, startedAt: null, finishedAt: null, ...patch,
  };
}

describe('the Jobs view state', () => {
  it('upserts summaries from events, newest job first', () => {
    const list = applyJobEvents([summary('old', 1)], [{ job: summary('new', 5), steps: [] }, { job: summary('old', 1, { state: 'paused' }), steps: [] }]);
    expect(list.map((j) => [j.id, j.state])).toEqual([['new', 'running'], ['old', 'paused']]);
  });

  it('applies only the open job\'s events to its steps, replacing each changed step in place', () => {
    const detail: JobDetail = { ...summary('j1', 1), file: { name: 'j1', targets: { agents: ['a', 'b'] }, operation: { kind: 'set', params: { 'Device.X.Y': '1' } }, options: { concurrency: 16, canary: 1, failureThreshold: 20, timeoutSeconds: 30, retries: 2, offlineTtlSeconds: 86400, force: false } }, steps: [step('a', 0), step('b', 1)] };
    const counts = { ...emptyCounts(), succeeded: 1, queued: 1 };
    const next = applyToDetail(detail, [
      { job: summary('other', 2), steps: [step('a', 0, { jobId: 'other', state: 'failed' })] },
      { job: summary('j1', 1, { counts }), steps: [step('a', 0, { state: 'succeeded', before: { 'Device.X.Y': '0' }, after: { 'Device.X.Y': '1' } })] },
    ]);
    expect(next.counts).toEqual(counts);
    expect(next.file).toBe(detail.file);
    expect(next.steps.map((s) => [s.endpointId, s.state])).toEqual([['a', 'succeeded'], ['b', 'queued']]);
    expect(stepChange(next.steps[0]!)).toBe('0 → 1');
    expect(applyToDetail(detail, [{ job: summary('other', 2), steps: [] }])).toBe(detail);
  });

  it('groups failed and expired steps by error code, model and software version, and filters steps', () => {
    const steps = [
      step('a', 0, { state: 'failed', errorCode: '7004', errorMessage: 'invalid value' }),
      step('b', 1, { state: 'failed', errorCode: '7004', errorMessage: 'other' }),
      step('c', 2, { state: 'failed', errorCode: '7004' }),
      step('d', 3, { state: 'expired' }),
      step('e', 4, { state: 'succeeded' }),
    ];
    const facts = new Map([
      ['a', { model: 'RG-1', softwareVersion: '1.0' }],
      ['b', { model: 'RG-1', softwareVersion: '1.0' }],
      ['c', { model: 'RG-2', softwareVersion: '2.0' }],
    ]);
    expect(groupFailures(steps, facts)).toEqual([
      { errorCode: '7004', model: 'RG-1', softwareVersion: '1.0', count: 2, message: 'invalid value', selection: { errorCode: '7004', endpointIds: ['a', 'b'] } },
      { errorCode: '7004', model: 'RG-2', softwareVersion: '2.0', count: 1, message: '', selection: { errorCode: '7004', endpointIds: ['c'] } },
      { errorCode: 'expired', model: '—', softwareVersion: '—', count: 1, message: '', selection: { endpointIds: ['d'] } },
    ]);
    expect(filterSteps(steps, { state: 'failed', errorCode: '7004' }).map((s) => s.endpointId)).toEqual(['a', 'b', 'c']);
    expect(filterSteps(steps, { state: 'all', errorCode: null })).toHaveLength(5);
    expect(filterSteps(steps, { state: 'succeeded', errorCode: '7004' })).toEqual([]);
  });

  it('turns a get job into a fleet report: one row per agent, one column per path read', () => {
    const job = { ...summary('g', 1, { kind: 'get' }), steps: [step('a', 0, { state: 'succeeded', after: { 'Device.B': '2', 'Device.A': '1' } }), step('b', 1, { state: 'failed' })] } as JobDetail;
    expect(fleetReport(job)).toEqual({
      paths: ['Device.A', 'Device.B'],
      rows: [{ endpointId: 'a', state: 'succeeded', values: { 'Device.B': '2', 'Device.A': '1' } }, { endpointId: 'b', state: 'failed', values: {} }],
    });
  });
});
