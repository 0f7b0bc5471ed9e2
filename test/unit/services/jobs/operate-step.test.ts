import { describe, expect, it } from 'vitest';
import type { StepContext } from '../../../../src/main/services/jobs/execute-step';
import { runOperate } from '../../../../src/main/services/jobs/operate-step';
import { operateOperationSchema } from '../../../../src/shared/jobs/job-file';
import type { JobStep, PathValues } from '../../../../src/shared/jobs/job-model';
import { ScriptedAgents, uspError } from './scripted-agents';

const AGENT = 'proto::op';
const op = operateOperationSchema.parse({ kind: 'operate', command: 'Device.IP.Diagnostics.IPPing()', async: true });

function setup(step: Partial<JobStep> = {}, values: PathValues = {}) {
  const agents = new ScriptedAgents().agent(AGENT, values);
  const progress: (PathValues | null)[] = [];
  const ctx: StepContext = {
    op,
    options: {} as StepContext['options'],
    plan: null,
    placeholders: { endpointId: AGENT, serial: null, model: null, manufacturer: null, productClass: null, softwareVersion: null },
    port: agents,
    step: {
      jobId: 'j', endpointId: AGENT, seq: 0, state: 'running', phase: 'idle', attempts: 1, errorCode: null, errorMessage: null,
      plan: null, expected: null, before: null, after: null, nextAt: null, expiresAt: null, queuedAt: 0, startedAt: 0, finishedAt: null, ...step,
    },
    markSent: () => undefined,
    saveProgress: (p) => progress.push(p),
    now: Date.now,
  };
  return { agents, progress, ctx };
}

const completion = (commandKey: string, ok = true) => ({
  kind: 'oper_complete' as const,
  objPath: 'Device.IP.Diagnostics.',
  commandName: 'IPPing()',
  commandKey,
  result: ok ? { ok: true as const, outputArgs: { SuccessCount: '3' } } : { ok: false as const, errCode: 7022, errMsg: 'host unknown' },
});

describe('an async Operate step', () => {
  it('stores its command key before sending, and sends that key', async () => {
    const { agents, progress, ctx } = setup();
    expect((await runOperate(ctx, op, {}, 1000)).state).toBe('succeeded');
    expect(progress).toHaveLength(1);
    expect(agents.operateKeys).toEqual([progress[0]!.commandKey]);
    expect(progress[0]!.commandKey).toMatch(/^job-[0-9a-f]{12}$/);
  });

  it('resumed: uses an OperationComplete that arrived before it started again, without sending', async () => {
    const { agents, ctx } = setup({ phase: 'sent', after: { commandKey: 'job-1' } });
    agents.events.push(AGENT, completion('job-other'));
    agents.events.push(AGENT, completion('job-1'));
    expect(await runOperate(ctx, op, {}, 1000)).toEqual({ state: 'succeeded', before: null, after: { 'Device.IP.Diagnostics.IPPing().SuccessCount': '3' } });
    expect(agents.callsOf('operate')).toEqual([]);
  });

  it('resumed: waits for the OperationComplete of a command still in Device.LocalAgent.Request.', async () => {
    const { agents, ctx } = setup({ phase: 'sent', after: { commandKey: 'job-2' } }, { 'Device.LocalAgent.Request.4.CommandKey': 'job-2', 'Device.LocalAgent.Request.4.Status': 'Active' });
    const run = runOperate(ctx, op, {}, 1000);
    setTimeout(() => agents.events.push(AGENT, completion('job-2', false)), 20);
    await expect(run).rejects.toMatchObject({ code: '7022', message: 'Device.IP.Diagnostics.IPPing(): host unknown' });
    expect(agents.callsOf('operate')).toEqual([]);
  });

  it('resumed: neither a request nor its OperationComplete: not sent again, and a later retry starts afresh', async () => {
    const { agents, progress, ctx } = setup({ phase: 'sent', after: { commandKey: 'job-3' } }, { 'Device.LocalAgent.Request.4.CommandKey': 'job-other' });
    await expect(runOperate(ctx, op, {}, 1000)).rejects.toMatchObject({ code: 'outcome-unknown', retryable: false });
    expect(agents.callsOf('operate')).toEqual([]);
    expect(progress).toEqual([null]);
  });

  it('a USP error clears the stored key; a sync Operate stores none', async () => {
    const failing = setup();
    failing.agents.fail(AGENT, 'operate', uspError(7027));
    await expect(runOperate(failing.ctx, op, {}, 1000)).rejects.toMatchObject({ code: '7027' });
    expect(failing.progress.at(-1)).toBeNull();
    const sync = setup();
    await runOperate(sync.ctx, { ...op, async: false }, {}, 1000);
    expect(sync.progress).toEqual([]);
    expect(sync.agents.operateKeys).toEqual([undefined]);
  });
});
