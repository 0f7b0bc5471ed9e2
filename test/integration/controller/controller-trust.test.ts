import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/main/app/create-app';
import { WsClientTransport } from '../../../src/main/mtp/websocket/ws-client-transport';
import { WsServerTransport } from '../../../src/main/mtp/websocket/ws-server-transport';
import { SimAgent } from '../../../src/main/sim/sim-agent';
import type { usp } from '../../../src/main/usp/generated/usp-proto.js';
import * as m from '../../../src/main/usp/messages';
import { collectWarnings, freePort, tempDir, waitForEvent } from '../../helpers';
import { cli } from '../cli/cli-capture';
import { RawAgent } from './raw-agent';
import { cannedAnswer, errorFor, respond } from './usp-responses';

const CONTROLLER_ID = 'self::usp-console-trust';
const ROLE = 'Device.LocalAgent.ControllerTrust.Role.';

let app: App;
const { warn, warnings } = collectWarnings();
let url: string;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  app = await createApp({
    dataDir: await tempDir(),
    host: 'web',
    appVersion: 'test',
    warn,
    controllerEndpointId: CONTROLLER_ID,
    webSocketListeners: [{ id: 'ws', name: 'ws', enabled: true, host: '127.0.0.1', port: 0, path: '/usp' }],
  });
  url = `ws://127.0.0.1:${app.transports.webSocketListener('ws')?.port ?? 0}/usp`;
});

afterAll(async () => {
  for (const stop of stops) await stop();
  await app.close();
  // The strict agent denies Device.DeviceInfo. too: onboarding says so, with the explanation.
  const deniedOnboarding = /^proto::strict: could not read Device\.DeviceInfo\. \(attempt \d of \d\): 7006 Permission Denied — role "Untrusted"/;
  expect(warnings.filter((w) => !deniedOnboarding.test(w))).toEqual([]);
});

async function online(endpointId: string, start: () => Promise<void>): Promise<void> {
  const up = waitForEvent(app.controller, 'presenceChanged', (c) => c.endpointId === endpointId && c.online);
  await start();
  await up;
}

/**
 * An agent that holds us in its untrusted role and enforces it: every Set, Add and Operate gets 7006,
 * and so does a Get of Device.DeviceInfo. (hidden by the role's Permission.2).
 */
function enforcingAgent(request: usp.Msg): usp.IMsg | null {
  const req = request.body?.request;
  switch (m.messageKind(request)) {
    case 'get': {
      const objects: [string, Record<string, string>][] = [
        ['Device.LocalAgent.Controller.1.', { EndpointID: CONTROLLER_ID, Enable: 'true', AssignedRole: `${ROLE}2`, InheritedRole: '', Credential: 'Device.LocalAgent.Certificate.1' }],
        [`${ROLE}2.`, { Name: 'Untrusted', Enable: 'true' }],
        [`${ROLE}2.Permission.1.`, { Enable: 'true', Order: '1', Targets: 'Device.', Param: 'r---', Obj: 'r---', InstantiatedObj: 'r---', CommandEvent: 'r---' }],
        [`${ROLE}2.Permission.2.`, { Enable: 'true', Order: '2', Targets: 'Device.DeviceInfo.', Param: '----', Obj: '----', InstantiatedObj: '----', CommandEvent: '----' }],
      ];
      return respond(request, 'get_resp', {
        get_resp: {
          req_path_results: (req?.get?.param_paths ?? []).map((path) =>
            path.startsWith('Device.DeviceInfo.')
              ? { requested_path: path, err_code: 7006, err_msg: 'Permission Denied' }
              : {
                  requested_path: path,
                  resolved_path_results: objects.filter(([p]) => p.startsWith(path)).map(([p, params]) => ({ resolved_path: p, result_params: params })),
                },
          ),
        },
      });
    }
    case 'set': {
      const path = `${req?.set?.update_objs?.[0]?.obj_path ?? ''}${req?.set?.update_objs?.[0]?.param_settings?.[0]?.param ?? ''}`;
      return m.buildErrorMsg(request.header?.msg_id ?? '', { errCode: 7006, errMsg: 'Permission Denied', paramErrs: [{ paramPath: path, errCode: 7006, errMsg: 'Permission Denied' }] });
    }
    case 'add':
      return respond(request, 'add_resp', {
        add_resp: { created_obj_results: (req?.add?.create_objs ?? []).map((o) => ({ requested_path: o.obj_path ?? '', oper_status: { oper_failure: { err_code: 7006, err_msg: 'Permission Denied' } } })) },
      });
    case 'operate':
      return respond(request, 'operate_resp', {
        operate_resp: { operation_results: [{ executed_command: req?.operate?.command ?? '', cmd_failure: { err_code: 7006, err_msg: 'Permission Denied' } }] },
      });
    case 'get_supported_protocol':
      return cannedAnswer(request);
    default:
      return errorFor(request, 7000, 'not in this test');
  }
}

describe('Controller trust: what the agent grants this console', () => {
  it('reads the simulator\'s Controller row and its full-access role', async () => {
    const transport = new WsClientTransport({ id: 'sim', url, endpointId: 'proto::trust-sim', keepAliveIntervalMs: 0 });
    const sim = new SimAgent({ endpointId: 'proto::trust-sim', controllerId: CONTROLLER_ID, transport, mtp: { kind: 'websocket', url }, tickMs: 0 });
    stops.push(() => sim.stop());
    await online('proto::trust-sim', () => sim.start());
    const read = await app.api.getControllerTrust('proto::trust-sim');
    expect(read).toMatchObject({ controllerPath: 'Device.LocalAgent.Controller.1.', enable: true, problems: [] });
    expect(read.roles).toEqual([
      {
        path: `${ROLE}1.`,
        name: 'Full Access',
        enable: true,
        source: 'assigned',
        permissions: [{ path: `${ROLE}1.Permission.1.`, enable: true, order: 1, targets: ['Device.'], param: 'rw-n', obj: 'rw-n', instantiatedObj: 'rw-n', commandEvent: 'r-xn' }],
      },
    ]);
  });

  it('adds to a 7006 which role lacks which permission, for a refused Set and a refused Operate', async () => {
    const transport = new WsClientTransport({ id: 'strict', url, endpointId: 'proto::strict', keepAliveIntervalMs: 0 });
    const agent = new RawAgent('proto::strict', CONTROLLER_ID, transport, transport.peerAddress, enforcingAgent);
    stops.push(() => transport.stop());
    await online('proto::strict', async () => {
      await transport.start();
      await agent.connectRecord('websocket');
    });
    const set = app.api.setParameterValues('proto::strict', [{ path: 'Device.WiFi.SSID.1.SSID', value: 'x' }]);
    const why = `role "Untrusted" (${ROLE}2.) lacks write (w) on Param for Device.WiFi.SSID.1.SSID: its Permission.1. (Order 1, Targets Device.) gives Param "r---"`;
    await expect(set).rejects.toMatchObject({ errCode: 7006, errMsg: `Permission Denied — ${why}`, paramErrs: [{ paramPath: 'Device.WiFi.SSID.1.SSID', errCode: 7006, errMsg: `Permission Denied — ${why}` }] });

    const operate = await app.api.operate('proto::strict', 'Device.Reboot()', {}, { awaitCompletion: false });
    expect(operate.results).toEqual([
      {
        executedCommand: 'Device.Reboot()',
        fromOperationComplete: false,
        outcome: { kind: 'failure', errCode: 7006, errMsg: `Permission Denied — role "Untrusted" (${ROLE}2.) lacks execute (x) on CommandEvent for Device.Reboot(): its Permission.1. (Order 1, Targets Device.) gives CommandEvent "r---"` },
      },
    ]);
  });

  it('adds the explanation to a refused subscription', async () => {
    const subscribe = app.api.subscribe('proto::strict', { notifType: 'ValueChange', referenceList: ['Device.WiFi.SSID.1.SSID'] });
    await expect(subscribe).rejects.toThrow(
      `7006 Permission Denied — role "Untrusted" (${ROLE}2.) lacks add (w) on Obj for Device.LocalAgent.Subscription.: its Permission.1. (Order 1, Targets Device.) gives Obj "r---"`,
    );
  });

  const hiddenWhy = (path: string) =>
    `Permission Denied — role "Untrusted" (${ROLE}2.) lacks read (r) on Param for ${path}: its Permission.2. (Order 2, Targets Device.DeviceInfo.) gives Param "----"`;

  it('explains a 7006 on a path of a GetResp (a refresh) and in the error of a job step', async () => {
    const refreshed = await app.api.refresh('proto::strict', 'Device.DeviceInfo.SerialNumber');
    expect(refreshed.errors).toEqual([{ path: 'Device.DeviceInfo.SerialNumber', errCode: 7006, errMsg: hiddenWhy('Device.DeviceInfo.SerialNumber') }]);

    const job = app.jobs.start({ name: 'denied get', targets: { agents: ['proto::strict'] }, operation: { kind: 'get', paths: ['Device.DeviceInfo.SoftwareVersion'] }, options: { canary: 0 } });
    // Its only step failed: past the failure threshold, the job pauses.
    expect(await app.jobs.whenSettled(job.id)).toMatchObject({ state: 'paused', counts: { failed: 1 } });
    expect(app.jobs.get(job.id).steps.map((s) => [s.errorCode, s.errorMessage])).toEqual([
      ['7006', `Device.DeviceInfo.SoftwareVersion: ${hiddenWhy('Device.DeviceInfo.SoftwareVersion')}`],
    ]);
  });

  it('explains a 7006 printed by the CLI, read from the agent it talks to', async () => {
    const port = await freePort();
    const server = new WsServerTransport({ id: 'strict-server', host: '127.0.0.1', port, endpointId: 'proto::strict-cli', keepAliveIntervalMs: 0 });
    await server.start();
    stops.push(() => server.stop());
    new RawAgent('proto::strict-cli', CONTROLLER_ID, server, server.addressFor('unused'), enforcingAgent);
    const flags = ['--agent', 'proto::strict-cli', '--controller-id', CONTROLLER_ID, '--ws-connect', `ws://127.0.0.1:${port}/usp`, '--timeout', '10'];

    const get = await cli('get', 'Device.DeviceInfo.SerialNumber', ...flags);
    expect(get.code).toBe(1);
    expect(get.stderr).toContain(`Device.DeviceInfo.SerialNumber: USP error 7006 `);
    expect(get.stderr).toContain(hiddenWhy('Device.DeviceInfo.SerialNumber'));

    const set = await cli('set', 'Device.WiFi.SSID.1.SSID=x', ...flags);
    expect(set.code).toBe(1);
    expect(set.stderr).toContain(`lacks write (w) on Param for Device.WiFi.SSID.1.SSID: its Permission.1. (Order 1, Targets Device.) gives Param "r---"`);
  });
});
