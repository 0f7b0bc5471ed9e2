import { expandPath, matchesPath } from '../../usp/paths';
import type { Notification, OperationCompleteResult } from '../../usp/messages/notify';
import type { CommandOutcome } from '../handlers/context';
import type { DataModel, ModelChange } from '../model/data-model';
import { splitInstancePath } from '../model/data-model';
import { splitList } from '../model/value-check';
import type { NotifySender } from './notify-sender';

const SUBSCRIPTIONS = 'Device.LocalAgent.Subscription.';

type NotifType = 'ValueChange' | 'ObjectCreation' | 'ObjectDeletion' | 'OperationComplete' | 'Event';

interface ActiveSubscription {
  id: string;
  controllerId: string;
  retry: boolean;
  expiration: number;
}

function toResult(outcome: CommandOutcome): OperationCompleteResult {
  return outcome.ok ? { ok: true, outputArgs: outcome.output } : { ok: false, errCode: outcome.errCode, errMsg: outcome.errMsg };
}

/**
 * Honours `Device.LocalAgent.Subscription.{i}.` rows: turns model changes,
 * events and finished commands into Notify messages for the subscribed controllers, with
 * send_resp = NotifRetry.
 */
export class SubscriptionEngine {
  constructor(
    private readonly model: DataModel,
    private readonly sender: NotifySender,
  ) {}

  /** ValueChange, ObjectCreation and ObjectDeletion for one change of the model. */
  handleChange(change: ModelChange): void {
    switch (change.kind) {
      case 'value':
        // Changes to the subscription table itself are bookkeeping, not news.
        if (change.path.startsWith(SUBSCRIPTIONS)) return;
        this.fire('ValueChange', change.path, { kind: 'value_change', paramPath: change.path, paramValue: change.value }, true);
        return;
      case 'created': {
        const table = splitInstancePath(change.path)?.table ?? change.path;
        this.fire('ObjectCreation', table, { kind: 'obj_creation', objPath: change.path, uniqueKeys: change.uniqueKeys }, false);
        return;
      }
      case 'deleted':
        this.fire('ObjectDeletion', change.path, { kind: 'obj_deletion', objPath: change.path }, true);
        return;
    }
  }

  /** A data-model event (`Device.Boot!`…); `params` may depend on the recipient (Boot! ParameterMap). */
  event(
    objPath: string,
    eventName: string,
    params: (controllerId: string) => Record<string, string>,
    forController: (controllerId: string) => boolean = () => true,
  ): void {
    for (const sub of this.matching('Event', objPath + eventName, true)) {
      if (!forController(sub.controllerId)) continue;
      this.send(sub, 'Event', { kind: 'event', objPath, eventName, params: params(sub.controllerId) });
    }
  }

  /** OperationComplete for an async command: only to OperationComplete subscribers. */
  operationComplete(objPath: string, commandName: string, commandKey: string, outcome: CommandOutcome): void {
    const notification: Notification = { kind: 'oper_complete', objPath, commandName, commandKey, result: toResult(outcome) };
    for (const sub of this.matching('OperationComplete', objPath + commandName, true)) this.send(sub, 'OperationComplete', notification);
  }

  /** Deletes non-persistent subscriptions, as an agent does at start-up after Boot!. */
  dropNonPersistent(): void {
    for (const n of [...this.model.instances(SUBSCRIPTIONS)]) {
      const row = `${SUBSCRIPTIONS}${n}.`;
      if (this.model.get(`${row}Persistent`) !== 'true') this.model.deleteInstance(row);
    }
  }

  /** Deletes subscriptions whose TimeToLive has run out (counted from CreationDate). */
  expire(now: Date): void {
    for (const n of [...this.model.instances(SUBSCRIPTIONS)]) {
      const row = `${SUBSCRIPTIONS}${n}.`;
      const ttl = Number(this.model.get(`${row}TimeToLive`) ?? '0');
      const created = Date.parse(this.model.get(`${row}CreationDate`) ?? '');
      if (ttl > 0 && Number.isFinite(created) && now.getTime() >= created + ttl * 1000) this.model.deleteInstance(row);
    }
  }

  private fire(type: NotifType, concretePath: string, notification: Notification, descendants: boolean): void {
    for (const sub of this.matching(type, concretePath, descendants)) this.send(sub, type, notification);
  }

  private send(sub: ActiveSubscription, type: NotifType, notification: Notification): void {
    this.sender.notify(sub.controllerId, type, sub.id, sub.retry, notification, sub.expiration);
  }

  private matching(type: NotifType, concretePath: string, descendants: boolean): ActiveSubscription[] {
    const out: ActiveSubscription[] = [];
    for (const n of this.model.instances(SUBSCRIPTIONS)) {
      const row = `${SUBSCRIPTIONS}${n}.`;
      const values = this.model.values(row);
      if (!values || values.Enable !== 'true' || values.NotifType !== type) continue;
      const controllerId = this.recipient(values.Recipient ?? '');
      if (controllerId === undefined) continue;
      const references = splitList(values.ReferenceList ?? '');
      const options = { descendants, instances: (t: string) => this.model.instances(t) };
      const lookup = (p: string) => this.model.get(p);
      if (!references.some((ref) => matchesPath(ref, concretePath, lookup, options))) continue;
      out.push({
        id: values.ID ?? '',
        controllerId,
        retry: values.NotifRetry === 'true',
        expiration: Number(values.NotifExpiration ?? '0'),
      });
    }
    return out;
  }

  /** Endpoint ID of an enabled Controller row named by Subscription.Recipient. */
  private recipient(reference: string): string | undefined {
    if (reference === '') return undefined;
    const row = reference.endsWith('.') ? reference : `${reference}.`;
    const values = this.model.values(row);
    if (!values || values.Enable !== 'true' || !values.EndpointID) return undefined;
    return values.EndpointID;
  }

  /** The current values of a Controller's enabled BootParameter rows as Boot!'s ParameterMap JSON. */
  bootParameterMap(controllerId: string): string {
    const map: Record<string, string> = {};
    for (const n of this.model.instances('Device.LocalAgent.Controller.')) {
      const controller = `Device.LocalAgent.Controller.${n}.`;
      if (this.model.get(`${controller}EndpointID`) !== controllerId) continue;
      for (const b of this.model.instances(`${controller}BootParameter.`)) {
        const row = `${controller}BootParameter.${b}.`;
        if (this.model.get(`${row}Enable`) !== 'true') continue;
        const expanded = expandPath(this.model.get(`${row}ParameterName`) ?? '', {
          instances: (t) => this.model.instances(t),
          value: (p) => this.model.get(p),
        });
        if (!expanded.ok) continue;
        for (const path of expanded.paths) {
          const value = this.model.get(path);
          if (value !== undefined) map[path] = value;
        }
      }
    }
    return JSON.stringify(map);
  }
}
