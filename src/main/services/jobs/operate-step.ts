// An Operate step. An async command's key is stored before it is sent, so a step caught in
// flight by a restart looks for its OperationComplete or its Device.LocalAgent.Request. row
// instead of running the command twice (issue 10 "Survives restarts").

import { randomBytes } from 'node:crypto';
import type { OperateOperation } from '../../../shared/jobs/job-file';
import { STEP_ERROR_CODES, type PathValues } from '../../../shared/jobs/job-model';
import type { Notification } from '../../usp/messages';
import type { AgentWatch } from './agent-event-feed';
import { completionTimeoutMs, StepFailure, type JobAgentPort } from './agent-port';
import type { StepContext, StepResult } from './execute-step';

const REQUEST_TABLE = 'Device.LocalAgent.Request.';
/** The progress an async Operate step keeps while it runs. */
export const COMMAND_KEY = 'commandKey';

export async function runOperate(ctx: StepContext, op: OperateOperation, args: PathValues, timeoutMs: number): Promise<StepResult> {
  const { port, step } = ctx;
  if (!op.async) {
    ctx.markSent(null);
    return { state: 'succeeded', before: null, after: await port.operate(step.endpointId, op.command, args, false, timeoutMs) };
  }
  const watch = port.watch(step.endpointId);
  try {
    const sent = step.phase === 'sent' ? step.after?.[COMMAND_KEY] : undefined;
    if (sent !== undefined) return await resume(ctx, watch, sent, timeoutMs);
    const commandKey = `job-${randomBytes(6).toString('hex')}`;
    ctx.saveProgress({ [COMMAND_KEY]: commandKey });
    return { state: 'succeeded', before: null, after: await port.operate(step.endpointId, op.command, args, true, timeoutMs, commandKey) };
  } catch (error) {
    // A final outcome: an operator's retry sends the command again.
    if (error instanceof StepFailure && !error.retryable) ctx.saveProgress(null);
    throw error;
  } finally {
    watch.close();
  }
}

/** Whether the agent still lists the command sent with `commandKey` among its running requests. */
export async function commandRunning(port: JobAgentPort, endpointId: string, commandKey: string, timeoutMs: number): Promise<boolean> {
  const requests = await port.get(endpointId, [REQUEST_TABLE], timeoutMs);
  return Object.entries(requests).some(([path, value]) => path.startsWith(REQUEST_TABLE) && path.endsWith('.CommandKey') && value === commandKey);
}

/** The command may have reached the agent: its OperationComplete, else its Request row, decides. */
async function resume(ctx: StepContext, watch: AgentWatch, commandKey: string, timeoutMs: number): Promise<StepResult> {
  type Completion = Extract<Notification, { kind: 'oper_complete' }>;
  const ours = (n: Notification): n is Completion => n.kind === 'oper_complete' && n.commandKey === commandKey;
  let done = (await watch.next(ours, 0)) as Completion | null;
  if (!done) {
    if (!(await commandRunning(ctx.port, ctx.step.endpointId, commandKey, timeoutMs))) {
      throw new StepFailure(STEP_ERROR_CODES.outcomeUnknown, `the command (key ${commandKey}) finished while the console was stopped and its OperationComplete was not received: not sent again`);
    }
    done = (await watch.next(ours, completionTimeoutMs(timeoutMs))) as Completion | null;
    if (!done) throw new StepFailure(STEP_ERROR_CODES.timeout, `no OperationComplete for command key ${commandKey}`, true);
  }
  const executed = (done.objPath.endsWith('.') ? done.objPath : `${done.objPath}.`) + done.commandName;
  if (!done.result.ok) throw new StepFailure(String(done.result.errCode), `${executed}: ${done.result.errMsg}`);
  const after: PathValues = {};
  for (const [k, v] of Object.entries(done.result.outputArgs)) after[`${executed}.${k}`] = v;
  return { state: 'succeeded', before: null, after };
}
