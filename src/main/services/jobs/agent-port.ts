// What the job engine needs from agents. The USP implementation is usp-agent-port.ts; the
// engine's unit tests drive scripted agents through the same interface.

import type { PathValues } from '../../../shared/jobs/job-model';
import type { AgentWatch } from './agent-event-feed';

export interface JobAgentPort {
  isOnline(endpointId: string): boolean;
  /** Live values of (search) paths, by full parameter path. */
  get(endpointId: string, paths: string[], timeoutMs: number): Promise<PathValues>;
  /** Sets every value or none (allowPartial false). */
  set(endpointId: string, values: PathValues, timeoutMs: number): Promise<void>;
  /** Returns the new instance path. */
  add(endpointId: string, table: string, params: PathValues, timeoutMs: number): Promise<string>;
  delete(endpointId: string, objectPaths: string[], timeoutMs: number): Promise<void>;
  /** Direct instances of a table with their unique keys. */
  instances(endpointId: string, table: string, timeoutMs: number): Promise<{ path: string; uniqueKeys: PathValues }[]>;
  /** Output arguments (sync) or the OperationComplete output (async); `commandKey` generated when absent. */
  operate(endpointId: string, command: string, args: PathValues, async: boolean, timeoutMs: number, commandKey?: string): Promise<PathValues>;
  /** Unique key sets of a table (cached schema, else read from the agent; empty when it has none). */
  uniqueKeySets(endpointId: string, table: string): Promise<string[][]>;
  /**
   * Sends an async command with this command key and returns its Request path without waiting
   * for OperationComplete (a firmware step waits for events instead). A cmd_failure is a StepFailure.
   */
  startOperate(endpointId: string, command: string, args: PathValues, commandKey: string, timeoutMs: number): Promise<string>;
  /** The agent's notifications from now on, through its reboots (the caller subscribes first). */
  watch(endpointId: string): AgentWatch;
}

/** How long an async Operate step waits for its OperationComplete. */
export function completionTimeoutMs(requestTimeoutMs: number): number {
  return Math.max(requestTimeoutMs, 60_000);
}

/**
 * A step's failure with its code (a USP error code as text, or a STEP_ERROR_CODES value).
 * `retryable` only for transport failures and timeouts (issue 10: USP errors are not retried).
 */
export class StepFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'StepFailure';
  }
}
