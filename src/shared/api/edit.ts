import type { ParamErrorData } from './errors';
import type { SubscribableNotificationType } from './common';

/** One parameter to set: full path (search paths allowed) and new value in lexical form. */
export interface ParamUpdate {
  path: string;
  value: string;
  /** USP param_settings.required; default true. */
  required?: boolean;
}

export interface SetOptions {
  /** USP allow_partial; default false (all or nothing). */
  allowPartial?: boolean;
}

export interface SetResult {
  /** Parameters whose new value the agent confirmed (updated_params), full paths. */
  updated: { path: string; value: string }[];
  /** Per-parameter failures (oper_failure / param_errs in a success). */
  failures: ParamErrorData[];
}

export interface AddParam {
  /** Relative name, may descend into single-instance sub-objects, e.g. 'Security.ModeEnabled'. */
  param: string;
  value: string;
  /** default true. Unique keys are always treated as required by the agent. */
  required?: boolean;
}

export interface AddOptions {
  allowPartial?: boolean;
}

export interface AddResult {
  /** New instance path, e.g. 'Device.NAT.PortMapping.3.' (first one if a search path created several). */
  instantiatedPath: string;
  /** All unique keys of the new row, including agent-assigned ones. */
  uniqueKeys: Record<string, string>;
  /** Non-required parameters that failed (row was still created). */
  paramErrors: ParamErrorData[];
  /** Every created row when the table path was a search path (length 1 otherwise). */
  created: { instantiatedPath: string; uniqueKeys: Record<string, string> }[];
}

export interface DeleteOptions {
  allowPartial?: boolean;
}

export interface DeleteResult {
  /** Instances actually deleted. */
  affectedPaths: string[];
  /** Matched but not deleted (unaffected_path_errs). */
  failures: ParamErrorData[];
}

export interface OperateOptions {
  /** command_key; the host generates a unique one when absent. */
  commandKey?: string;
  /**
   * For asynchronous commands: resolve only when OperationComplete arrives (the host first makes
   * sure an OperationComplete subscription covers the command). Default true.
   */
  awaitCompletion?: boolean;
  /** How long to wait for OperationComplete, ms; default 120000. Timeout → error 'timeout'. */
  completionTimeoutMs?: number;
}

/** Outcome of one executed command (one per object the command path matched). */
export type OperationOutcome =
  /** Sync command done, or async command completed (OperationComplete with output args). */
  | { kind: 'output'; outputArgs: Record<string, string> }
  /** Async command started and not awaited: the Device.LocalAgent.Request.{i}. path. */
  | { kind: 'started'; requestPath: string }
  /** cmd_failure in OperateResp or in OperationComplete. */
  | { kind: 'failure'; errCode: number; errMsg: string };

export interface OperationResult {
  /** Concrete command path, e.g. 'Device.IP.Interface.1.Reset()'. */
  executedCommand: string;
  outcome: OperationOutcome;
  /** True when the outcome came from Notify OperationComplete rather than OperateResp. */
  fromOperationComplete: boolean;
}

export interface OperateResult {
  command: string;
  commandKey: string;
  results: OperationResult[];
}

export interface SubscriptionRequest {
  notifType: SubscribableNotificationType;
  /** ReferenceList entries (paths, search paths, command/event paths). */
  referenceList: string[];
  /** Device.LocalAgent.Subscription.{i}.Persistent; default false. */
  persistent?: boolean;
  /** NotifRetry; default false. */
  notifRetry?: boolean;
  /** TimeToLive seconds; default 0 (no expiry). */
  timeToLive?: number;
}

export interface SubscriptionInfo {
  agentId: string;
  /** Subscription ID parameter (becomes Notify.subscription_id). */
  id: string;
  /** Device.LocalAgent.Subscription.{i}. path on the agent, null if unknown. */
  instancePath: string | null;
  notifType: SubscribableNotificationType;
  referenceList: string[];
  enabled: boolean;
  persistent: boolean;
  notifRetry: boolean;
  /** NotifExpiration seconds (0 = retried until delivered). */
  notifExpiration: number;
  /** TimeToLive seconds (0 = never expires). */
  timeToLive: number;
  /** CreationDate or when we created it. */
  createdAt: number | null;
  /** Created by this console (false: another controller's or found on the agent for our Recipient). */
  ownedByConsole: boolean;
}
