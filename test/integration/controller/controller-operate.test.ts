import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Controller, OperationTimeoutError, SubscriptionError } from '../../../src/main/controller';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import * as m from '../../../src/main/usp/messages';
import { waitForEvent } from '../../helpers';
import { RawAgent } from './raw-agent';
import { cannedAnswer, respond } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-op';
const AGENT_ID = 'proto::op-agent';
const SUB_TABLE = 'Device.LocalAgent.Subscription.';

interface Sub {
  path: string;
  params: Record<string, string>;
}

/**
 * A raw agent with a Subscription table and two async commands: IPPing() completes after its
 * OperateResp, TraceRoute() reports its OperationComplete before it (a race the controller must
 * survive); both only when an OperationComplete subscription exists, as a real agent does.
 */
class SubscriptionAgent {
  readonly subs: Sub[] = [];
  private next = 1;
  agent!: RawAgent;

  handle = (msg: usp.Msg): usp.IMsg | null => {
    const req = msg.body?.request;
    switch (m.messageKind(msg)) {
      case 'get_instances':
        return respond(msg, 'get_instances_resp', {
          get_instances_resp: {
            req_path_results: [
              {
                requested_path: 'Device.LocalAgent.Controller.',
                curr_insts: [
                  { instantiated_obj_path: 'Device.LocalAgent.Controller.1.', unique_keys: { EndpointID: 'self::other', Alias: 'cpe-1' } },
                  { instantiated_obj_path: 'Device.LocalAgent.Controller.2.', unique_keys: { EndpointID: CONTROLLER_ID, Alias: 'cpe-2' } },
                ],
              },
            ],
          },
        });
      case 'get':
        return respond(msg, 'get_resp', {
          get_resp: {
            req_path_results: [
              {
                requested_path: SUB_TABLE,
                resolved_path_results: [{ resolved_path: SUB_TABLE, result_params: {} }, ...this.subs.map((s) => ({ resolved_path: s.path, result_params: s.params }))],
              },
            ],
          },
        });
      case 'add': {
        const settings = Object.fromEntries((req?.add?.create_objs?.[0]?.param_settings ?? []).map((p) => [p.param ?? '', p.value ?? '']));
        const path = `${SUB_TABLE}${this.next++}.`;
        const params: Record<string, string> = { ...settings, Recipient: 'Device.LocalAgent.Controller.2' };
        this.subs.push({ path, params });
        return respond(msg, 'add_resp', {
          add_resp: {
            created_obj_results: [
              {
                requested_path: SUB_TABLE,
                oper_status: { oper_success: { instantiated_path: path, unique_keys: { ID: params.ID ?? '', Recipient: params.Recipient ?? '', Alias: `cpe-${path}` } } },
              },
            ],
          },
        });
      }
      case 'delete': {
        const path = req?.delete?.obj_paths?.[0] ?? '';
        const index = this.subs.findIndex((s) => s.path === path);
        if (index >= 0) this.subs.splice(index, 1);
        return respond(msg, 'delete_resp', {
          delete_resp: { deleted_obj_results: [{ requested_path: path, oper_status: { oper_success: { affected_paths: index >= 0 ? [path] : [] } } }] },
        });
      }
      case 'operate':
        return this.operate(msg, req?.operate ?? {});
      default:
        return cannedAnswer(msg);
    }
  };

  private operate(msg: usp.Msg, operate: usp.IOperate): usp.IMsg {
    const command = operate.command ?? '';
    const key = operate.command_key ?? '';
    const subscribed = this.subs.some((s) => s.params.NotifType === 'OperationComplete' && command.startsWith(s.params.ReferenceList ?? '\u0000'));
    const complete = (objPath: string, name: string, result: m.OperationCompleteResult) =>
      this.agent.notify({ kind: 'oper_complete', objPath, commandName: name, commandKey: key, result }, { sendResp: true, subscriptionId: 'op' });
    if (command === 'Device.IP.Diagnostics.IPPing()') {
      if (subscribed) setTimeout(() => void complete('Device.IP.Diagnostics.', 'IPPing()', { ok: true, outputArgs: { SuccessCount: '3' } }), 50);
      return respond(msg, 'operate_resp', { operate_resp: { operation_results: [{ executed_command: command, req_obj_path: 'Device.LocalAgent.Request.1.' }] } });
    }
    if (command === 'Device.IP.Diagnostics.TraceRoute()') {
      if (subscribed) void complete('Device.IP.Diagnostics.', 'TraceRoute()', { ok: false, errCode: 7022, errMsg: 'host unreachable' });
      return respond(msg, 'operate_resp', { operate_resp: { operation_results: [{ executed_command: command, req_obj_path: 'Device.LocalAgent.Request.2.' }] } });
    }
    return respond(msg, 'operate_resp', {
      operate_resp: { operation_results: [{ executed_command: command, cmd_failure: { err_code: 7026, err_msg: 'no such command' } }] },
    });
  }
}

let server: WsServerTransport;
let controller: Controller;
let client: WsClientTransport;
const sim = new SubscriptionAgent();

beforeAll(async () => {
  server = new WsServerTransport({ id: 'ws', host: '127.0.0.1', port: 0, keepAliveIntervalMs: 0 });
  await server.start();
  controller = new Controller({ endpointId: CONTROLLER_ID, transports: [server], requestTimeoutMs: 2_000, queryProtocolOnContact: false });
  client = new WsClientTransport({ id: 'agent', url: `ws://127.0.0.1:${server.port}/usp`, endpointId: AGENT_ID, keepAliveIntervalMs: 0 });
  sim.agent = new RawAgent(AGENT_ID, CONTROLLER_ID, client, client.peerAddress, sim.handle);
  const online = waitForEvent(controller, 'presenceChanged', (c) => c.online);
  await client.start();
  await sim.agent.connectRecord('websocket');
  await online;
});

afterAll(async () => {
  controller.close();
  await client.stop();
  await server.stop();
});

describe('Controller subscriptions and Operate', () => {
  it('creates, lists (ours only, found by our Endpoint ID) and deletes subscriptions', async () => {
    const created = await controller.createSubscription(AGENT_ID, {
      id: 'boot-1',
      notifType: 'Event',
      referenceList: ['Device.Boot!'],
      persistent: true,
      notifRetry: true,
    });
    expect(created).toMatchObject({ path: 'Device.LocalAgent.Subscription.1.', id: 'boot-1', recipient: 'Device.LocalAgent.Controller.2' });
    expect(sim.subs[0]?.params).toMatchObject({ ID: 'boot-1', NotifType: 'Event', ReferenceList: 'Device.Boot!', Enable: 'true', Persistent: 'true', NotifRetry: 'true' });
    sim.subs.push({ path: `${SUB_TABLE}99.`, params: { ID: 'theirs', NotifType: 'Event', ReferenceList: 'Device.Boot!', Recipient: 'Device.LocalAgent.Controller.1' } });
    const ours = await controller.listSubscriptions(AGENT_ID);
    expect(ours.map((s) => s.id)).toEqual(['boot-1']);
    expect(ours[0]).toMatchObject({ notifType: 'Event', referenceList: ['Device.Boot!'], enable: true, persistent: true, notifRetry: true });
    expect((await controller.listSubscriptions(AGENT_ID, { all: true })).map((s) => s.id)).toEqual(['boot-1', 'theirs']);
    expect(await controller.deleteSubscription(AGENT_ID, 'theirs')).toBe(false);
    expect(await controller.deleteSubscription(AGENT_ID, 'boot-1')).toBe(true);
    expect(sim.subs.map((s) => s.params.ID)).toEqual(['theirs']);
    sim.subs.splice(0);
  });

  it('refuses a subscription without references', async () => {
    await expect(controller.createSubscription(AGENT_ID, { notifType: 'ValueChange', referenceList: [] })).rejects.toBeInstanceOf(SubscriptionError);
  });

  it('waits for the OperationComplete of an async command, creating and removing a temporary subscription', async () => {
    const outcome = await controller.operate(AGENT_ID, { command: 'Device.IP.Diagnostics.IPPing()', inputArgs: { Host: 'x' }, async: true, ensureSubscription: true });
    expect(outcome.results).toEqual([
      { executedCommand: 'Device.IP.Diagnostics.IPPing()', kind: 'completed', requestPath: 'Device.LocalAgent.Request.1.', outputArgs: { SuccessCount: '3' } },
    ]);
    expect(outcome.temporarySubscription).toMatch(/^usp-console-op-/);
    expect(sim.subs).toEqual([]);
    // The OperationComplete was sent with send_resp=true and answered.
    expect(sim.agent.received.some((r) => m.messageKind(r) === 'notify_resp')).toBe(true);
  });

  it('matches an OperationComplete that arrives before the OperateResp, and reports failures', async () => {
    const outcome = await controller.operate(AGENT_ID, { command: 'Device.IP.Diagnostics.TraceRoute()', commandKey: 'tr-1', async: true, ensureSubscription: true });
    expect(outcome.commandKey).toBe('tr-1');
    expect(outcome.results).toEqual([
      { executedCommand: 'Device.IP.Diagnostics.TraceRoute()', kind: 'failure', errCode: 7022, errMsg: 'host unreachable', requestPath: 'Device.LocalAgent.Request.2.' },
    ]);
  });

  it('uses an existing OperationComplete subscription instead of creating one', async () => {
    await controller.createSubscription(AGENT_ID, { id: 'oc', notifType: 'OperationComplete', referenceList: ['Device.IP.Diagnostics.'] });
    const adds = sim.agent.requests('add').length;
    const outcome = await controller.operate(AGENT_ID, { command: 'Device.IP.Diagnostics.IPPing()', async: true, ensureSubscription: true });
    expect(outcome.results[0]?.kind).toBe('completed');
    expect(outcome.temporarySubscription).toBeUndefined();
    expect(sim.agent.requests('add')).toHaveLength(adds);
    await controller.deleteSubscription(AGENT_ID, 'oc');
  });

  it('returns the started request without async, and times out waiting when no completion comes', async () => {
    const started = await controller.operate(AGENT_ID, { command: 'Device.IP.Diagnostics.IPPing()' });
    expect(started.results[0]).toEqual({ executedCommand: 'Device.IP.Diagnostics.IPPing()', kind: 'async', requestPath: 'Device.LocalAgent.Request.1.' });
    const error = await controller
      .operate(AGENT_ID, { command: 'Device.IP.Diagnostics.IPPing()', async: true, completionTimeoutMs: 200 })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
  });

  it('reports per-command failures of a sync Operate as data', async () => {
    const outcome = await controller.operate(AGENT_ID, { command: 'Device.Nope()' });
    expect(outcome.results).toEqual([{ executedCommand: 'Device.Nope()', kind: 'failure', errCode: 7026, errMsg: 'no such command' }]);
  });
});
