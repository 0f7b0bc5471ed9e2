import { randomBytes } from 'node:crypto';
import type * as m from '../usp/messages';

/** Subscribable notification types (the NotifType values of Device.LocalAgent.Subscription.{i}.; OnBoardRequest is not one). */
export type NotifType = 'ValueChange' | 'ObjectCreation' | 'ObjectDeletion' | 'OperationComplete' | 'Event';

export const NOTIF_TYPES: readonly NotifType[] = ['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event'];

export interface SubscriptionSpec {
  /** Subscription.{i}.ID; becomes Notify.subscription_id. Generated when absent. */
  id?: string;
  notifType: NotifType;
  /** What to watch (immutable once created: delete and re-create to change it). */
  referenceList: string[];
  enable?: boolean;
  /** true = survives an agent restart; a Boot! subscription needs it. */
  persistent?: boolean;
  /** true = the agent sends with send_resp=true and retries until NotifyResp. */
  notifRetry?: boolean;
  /** Retry window in seconds when notifRetry (0 = until delivered). */
  notifExpiration?: number;
  /** Seconds until the agent deletes it on its own (0 = never). */
  timeToLive?: number;
}

export interface SubscriptionInfo {
  /** Instance path, e.g. "Device.LocalAgent.Subscription.3.". */
  path: string;
  id: string;
  notifType: string;
  referenceList: string[];
  enable: boolean;
  persistent: boolean;
  notifRetry: boolean;
  /** Seconds the agent retries a NotifRetry Notify (0 = until delivered). */
  notifExpiration: number;
  /** Seconds until the agent deletes it on its own (0 = never). */
  timeToLive: number;
  /** CreationDate as the agent reports it (ISO 8601), '' when it does not. */
  creationDate: string;
  /** Device.LocalAgent.Controller.{i} reference of the subscriber. */
  recipient: string;
}

/** The requests subscriptions need; the Controller provides them. */
export interface SubscriptionClient {
  readonly endpointId: string;
  get(endpointId: string, paths: string[], options?: { timeoutMs?: number }): Promise<m.GetResult>;
  getInstances(endpointId: string, request: m.GetInstancesRequest, options?: { timeoutMs?: number }): Promise<m.GetInstancesResult>;
  add(endpointId: string, request: m.AddRequest, options?: { timeoutMs?: number }): Promise<m.AddResult>;
  delete(endpointId: string, request: m.DeleteRequest, options?: { timeoutMs?: number }): Promise<m.DeleteResult>;
}

const SUBSCRIPTION_TABLE = 'Device.LocalAgent.Subscription.';
const CONTROLLER_TABLE = 'Device.LocalAgent.Controller.';

/** Thrown when the agent did not create or list the subscription as asked. */
export class SubscriptionError extends Error {
  constructor(
    readonly endpointId: string,
    message: string,
    readonly errCode?: number,
  ) {
    super(`${endpointId}: ${message}`);
    this.name = 'SubscriptionError';
  }
}

/** A fresh subscription ID, unique enough across controllers and restarts. */
export function newSubscriptionId(prefix = 'usp-console'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

/**
 * Our Device.LocalAgent.Controller.{i}. entry on the agent, found by our Endpoint ID (its unique
 * key); null when the agent lists none for us (e.g. no read permission).
 */
export async function findControllerPath(client: SubscriptionClient, endpointId: string, options?: { timeoutMs?: number }): Promise<string | null> {
  const result = await client.getInstances(endpointId, { objPaths: [CONTROLLER_TABLE], firstLevelOnly: true }, options);
  for (const requested of result.requestedPaths) {
    for (const instance of requested.instances) {
      if (instance.uniqueKeys.EndpointID === client.endpointId) return instance.path;
    }
  }
  return null;
}

/** Adds one Device.LocalAgent.Subscription instance; the agent fills Recipient with our Controller entry. */
export async function createSubscription(
  client: SubscriptionClient,
  endpointId: string,
  spec: SubscriptionSpec,
  options?: { timeoutMs?: number },
): Promise<SubscriptionInfo> {
  if (spec.referenceList.length === 0) throw new SubscriptionError(endpointId, 'a subscription needs at least one ReferenceList entry');
  const id = spec.id ?? newSubscriptionId();
  const enable = spec.enable ?? true;
  const persistent = spec.persistent ?? false;
  const notifRetry = spec.notifRetry ?? false;
  const params: m.ParamSetting[] = [
    { param: 'ID', value: id, required: true },
    { param: 'NotifType', value: spec.notifType, required: true },
    { param: 'ReferenceList', value: spec.referenceList.join(','), required: true },
    { param: 'Enable', value: String(enable), required: true },
    { param: 'Persistent', value: String(persistent), required: true },
    { param: 'NotifRetry', value: String(notifRetry), required: true },
  ];
  if (spec.notifExpiration !== undefined) params.push({ param: 'NotifExpiration', value: String(spec.notifExpiration), required: true });
  if (spec.timeToLive !== undefined) params.push({ param: 'TimeToLive', value: String(spec.timeToLive), required: true });
  const result = await client.add(endpointId, { allowPartial: false, createObjs: [{ objPath: SUBSCRIPTION_TABLE, params }] }, options);
  const created = result.createdObjs[0];
  if (!created) throw new SubscriptionError(endpointId, 'the AddResp reported no created object');
  if (!created.ok) throw new SubscriptionError(endpointId, `subscription not created: ${created.errCode} ${created.errMsg}`, created.errCode);
  return {
    path: created.instantiatedPath,
    id: created.uniqueKeys.ID ?? id,
    notifType: spec.notifType,
    referenceList: [...spec.referenceList],
    enable,
    persistent,
    notifRetry,
    notifExpiration: spec.notifExpiration ?? 0,
    timeToLive: spec.timeToLive ?? 0,
    creationDate: '',
    recipient: created.uniqueKeys.Recipient ?? '',
  };
}

/** Subscriptions on the agent whose Recipient is us (or every one with `all`). */
export async function listSubscriptions(
  client: SubscriptionClient,
  endpointId: string,
  options: { timeoutMs?: number; all?: boolean } = {},
): Promise<SubscriptionInfo[]> {
  const result = await client.get(endpointId, [SUBSCRIPTION_TABLE], options);
  const requested = result.requestedPaths[0];
  if (requested && requested.errCode !== 0) {
    throw new SubscriptionError(endpointId, `cannot read ${SUBSCRIPTION_TABLE}: ${requested.errCode} ${requested.errMsg}`, requested.errCode);
  }
  const instancePath = /^Device\.LocalAgent\.Subscription\.\d+\.$/;
  const all = (requested?.resolved ?? []).filter((o) => instancePath.test(o.path)).map(toInfo);
  if (options.all) return all;
  const ours = await findControllerPath(client, endpointId, options);
  if (ours === null) return [];
  return all.filter((s) => sameReference(s.recipient, ours));
}

/** Deletes our subscription with this ID or instance path; false when we have none such. */
export async function deleteSubscription(
  client: SubscriptionClient,
  endpointId: string,
  idOrPath: string,
  options?: { timeoutMs?: number },
): Promise<boolean> {
  let path = idOrPath;
  if (!idOrPath.startsWith(SUBSCRIPTION_TABLE)) {
    const found = (await listSubscriptions(client, endpointId, options)).find((s) => s.id === idOrPath);
    if (!found) return false;
    path = found.path;
  }
  const result = await client.delete(endpointId, { allowPartial: false, objPaths: [path.endsWith('.') ? path : `${path}.`] }, options);
  const outcome = result.deletedObjs[0];
  if (outcome && !outcome.ok) throw new SubscriptionError(endpointId, `subscription not deleted: ${outcome.errCode} ${outcome.errMsg}`, outcome.errCode);
  return (outcome?.ok && outcome.affectedPaths.length > 0) ?? false;
}

/**
 * Whether a ReferenceList entry covers a command path: the command itself, an
 * object path above it, or a search path with `*` wildcards matching either.
 */
export function referenceCovers(reference: string, path: string): boolean {
  const pattern = reference
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[^.]+');
  return new RegExp(reference.endsWith('.') ? `^${pattern}` : `^${pattern}$`).test(path);
}

function toInfo(object: m.GetResolvedObject): SubscriptionInfo {
  const p = object.params;
  return {
    path: object.path,
    id: p.ID ?? '',
    notifType: p.NotifType ?? '',
    referenceList: (p.ReferenceList ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0),
    enable: isTrue(p.Enable),
    persistent: isTrue(p.Persistent),
    notifRetry: isTrue(p.NotifRetry),
    notifExpiration: Number(p.NotifExpiration ?? 0) || 0,
    timeToLive: Number(p.TimeToLive ?? 0) || 0,
    creationDate: p.CreationDate ?? '',
    recipient: p.Recipient ?? '',
  };
}

function isTrue(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

function sameReference(a: string, b: string): boolean {
  const strip = (s: string) => (s.endsWith('.') ? s.slice(0, -1) : s);
  return strip(a) === strip(b);
}
