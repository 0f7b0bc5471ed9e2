import { describe, expect, it } from 'vitest';
import { decodeMsg, decodeRecord, encodeMsg, encodeRecord } from '../../../src/main/usp/codec';
import { usp, usp_record } from '../../../src/main/usp/generated/usp-proto.js';
import {
  messageKind,
  msgTypeName,
  parseAddResp,
  parseDeleteResp,
  parseGetInstancesResp,
  parseGetResp,
  parseGetSupportedDMResp,
  parseGetSupportedProtocolResp,
  parseNotify,
  parseOperateResp,
  parseSetResp,
} from '../../../src/main/usp/messages';
import { parseRecord, recordKind, type ParsedRecord } from '../../../src/main/usp/record';
import { loadCaptures, readmeRows } from './fixtures';

const AGENT = 'proto::obuspa-lab-1';
const CONTROLLER = 'self::usp-console';
const captures = loadCaptures();
const byFile = new Map(captures.map((c) => [c.file, c]));
const parse = (file: string): ParsedRecord => {
  const capture = byFile.get(file);
  if (!capture) throw new Error(`missing capture ${file}`);
  return parseRecord(capture.bytes);
};
/** "NOTIFY" for a Msg, "mqtt_connect" for a connect record: how the README names a capture's type. */
const typeOf = ({ record, msg }: ParsedRecord): string => (msg ? (msgTypeName(msg.header?.msg_type ?? 0) ?? '?') : (recordKind(record) ?? '?'));

describe('every capture matches the README table', () => {
  const rows = readmeRows();

  it('the README lists 55 MQTT captures, all present', () => {
    expect(rows).toHaveLength(55);
    for (const row of rows) expect(byFile.has(row.file), row.file).toBe(true);
  });

  it.each(rows.map((r) => [r.file, r] as const))('%s', (file, row) => {
    const capture = byFile.get(file);
    expect(capture?.bytes.length).toBe(row.bytes);
    const parsed = parse(file);
    expect(parsed.record.from_id).toBe(row.fromId);
    expect(parsed.record.to_id).toBe(row.toId);
    expect(parsed.record.version).toBe(row.version);
    expect(typeOf(parsed)).toBe(row.type);
    expect(parsed.msg?.header?.msg_id ?? '').toBe(row.msgId);
  });
});

describe('WebSocket and STOMP captures (described in README prose)', () => {
  const expected: [file: string, fromId: string, toId: string, type: string, msgId: string][] = [
    ['ctrlcli_01_rx_websocket_connect.bin', AGENT, CONTROLLER, 'websocket_connect', ''],
    ['ctrlcli_02_rx_GET_RESP.bin', AGENT, CONTROLLER, 'GET_RESP', 'ws-get-1'],
    ['ctrlcli_03_rx_NOTIFY.bin', AGENT, CONTROLLER, 'NOTIFY', 'Event-2026-11-25T12:24:18Z-1'],
    ['ctrlcli_04_rx_NOTIFY.bin', AGENT, CONTROLLER, 'NOTIFY', 'Event-2026-11-25T12:24:26Z-2'],
    ['ctrlcli_05_rx_NOTIFY.bin', AGENT, CONTROLLER, 'NOTIFY', 'Event-2026-11-25T12:24:26Z-2'],
    ['ctrlcli_tx_GET.bin', CONTROLLER, AGENT, 'GET', 'ws-get-1'],
    ['ctrlsrv_01_rx_websocket_connect.bin', AGENT, CONTROLLER, 'websocket_connect', ''],
    ['ctrlsrv_02_rx_NOTIFY.bin', AGENT, CONTROLLER, 'NOTIFY', 'Event-2026-11-25T12:22:09Z-1'],
    ['ctrlsrv_03_rx_GET_RESP.bin', AGENT, CONTROLLER, 'GET_RESP', 'ws-get-1'],
    ['ctrlsrv_tx_GET.bin', CONTROLLER, AGENT, 'GET', 'ws-get-1'],
    ['stomp_01_stomp_connect.bin', AGENT, CONTROLLER, 'stomp_connect', ''],
    ['stomp_02_NOTIFY.bin', AGENT, CONTROLLER, 'NOTIFY', 'Event-2026-11-25T12:26:45Z-1'],
    ['stomp_03_GET_RESP.bin', AGENT, CONTROLLER, 'GET_RESP', 'stomp-get-1'],
  ];

  it('together with the README table, every .bin is covered', () => {
    const covered = new Set([...readmeRows().map((r) => r.file), ...expected.map((e) => e[0])]);
    expect(captures.map((c) => c.file).filter((f) => !covered.has(f))).toEqual([]);
  });

  it.each(expected)('%s', (file, fromId, toId, type, msgId) => {
    const parsed = parse(file);
    expect([parsed.record.from_id, parsed.record.to_id, parsed.record.version]).toEqual([fromId, toId, '1.3']);
    expect(typeOf(parsed)).toBe(type);
    expect(parsed.msg?.header?.msg_id ?? '').toBe(msgId);
  });
});

describe('key payload facts of the captures', () => {
  it('MQTT connect records: V5 with the agent topic, V3.1.1 in reply-to mode', () => {
    for (const { file } of captures.filter((c) => c.file.includes('mqtt_connect'))) {
      const connect = parse(file).record.mqtt_connect;
      expect(connect?.subscribed_topic).toBe('usp/agent/obuspa-lab-1');
      const v311 = file.includes('reply-to=');
      expect(connect?.version ?? 0).toBe(v311 ? usp_record.MQTTConnectRecord.MQTTVersion.V3_1_1 : usp_record.MQTTConnectRecord.MQTTVersion.V5);
    }
  });

  it('STOMP connect record names the agent destination', () => {
    const connect = parse('stomp_01_stomp_connect.bin').record.stomp_connect;
    expect(connect?.subscribed_destination).toBe('/queue/obuspa-lab-1');
    expect(connect?.version ?? 0).toBe(usp_record.STOMPConnectRecord.STOMPVersion.V1_2);
  });

  it('Boot! events: Device. / Boot!, boot-1 subscription, the listed arguments', () => {
    const boots = captures.filter((c) => /_NOTIFY(\.bin|_usp)/.test(c.file)).map((c) => [c.file, parseNotify(parse(c.file).msg ?? {})] as const);
    const events = boots.filter(([, n]) => n.notification.kind === 'event');
    expect(events.length).toBeGreaterThanOrEqual(12);
    for (const [file, n] of events) {
      expect(n.subscriptionId, file).toBe('boot-1');
      if (n.notification.kind !== 'event') continue;
      expect([n.notification.objPath, n.notification.eventName]).toEqual(['Device.', 'Boot!']);
      expect(Object.keys(n.notification.params)).toEqual(expect.arrayContaining(['CommandKey', 'Cause', 'FirmwareUpdated', 'ParameterMap']));
    }
    expect(parseNotify(parse('mqtt_02_NOTIFY_usp_controller_usp-console.bin').msg ?? {}).sendResp).toBe(false);
    const reboot = parseNotify(parse('mqtt_04_NOTIFY_usp_controller_usp-console.bin').msg ?? {}).notification;
    expect(reboot).toMatchObject({ kind: 'event', params: { CommandKey: 'R1', Cause: 'LocalReboot', ParameterMap: '{}' } });
  });

  it('OnBoardRequest: send_resp true, empty subscription, device identity', () => {
    for (const file of ['03', '05', '06', '07', '14'].map((n) => `mqtt_${n}_NOTIFY_usp_controller_usp-console.bin`)) {
      expect(parseNotify(parse(file).msg ?? {})).toEqual({
        msgId: 'OnBoardRequest-2026-11-25T12:18:30Z-1',
        subscriptionId: '',
        sendResp: true,
        notification: { kind: 'on_board_req', oui: '012345', productClass: 'USP Agent', serialNumber: '000000000000', agentSupportedProtocolVersions: '1.0,1.1,1.2,1.3' },
      });
    }
  });

  it('the NotifyResp that stopped the OnBoardRequest retries', () => {
    const msg = parse('mqtt_19_NOTIFY_RESP_usp_agent_obuspa-lab-1.bin').msg;
    expect(messageKind(msg ?? {})).toBe('notify_resp');
    expect(msg?.header?.msg_id).toBe('OnBoardRequest-2026-11-25T12:18:30Z-1');
  });

  it('GetResp: DeviceInfo values, wildcard resolution, error 7026', () => {
    const info = parseGetResp(parse('mqtt_09_GET_RESP_usp_controller_usp-console.bin').msg ?? {});
    expect(info.requestedPaths[0]?.resolved[0]).toMatchObject({
      path: 'Device.DeviceInfo.',
      params: { ManufacturerOUI: '012345', SerialNumber: '000000000000', ModelName: 'USP Agent', SoftwareVersion: '' },
    });
    const wildcard = parseGetResp(parse('mqtt_13_GET_RESP_usp_controller_usp-console.bin').msg ?? {});
    expect(wildcard.requestedPaths[0]?.resolved).toEqual([{ path: 'Device.LocalAgent.Subscription.1.', params: { ID: 'boot-1' } }]);
    expect(wildcard.requestedPaths[1]?.resolved).toEqual([{ path: 'Device.LocalAgent.', params: { EndpointID: AGENT } }]);
    const bad = parseGetResp(parse('mqtt_50_GET_RESP_usp_controller_usp-console.bin').msg ?? {});
    expect(bad.requestedPaths).toEqual([
      { requestedPath: 'Device.NoSuchObject.', errCode: 7026, errMsg: 'DM_PRIV_GetNodeFromPath: Path is invalid: Device.NoSuchObject', resolved: [] },
    ]);
  });

  it('GetSupportedProtocolResp lists 1.0-1.3', () => {
    for (const file of ['mqtt_11_GET_SUPPORTED_PROTO_RESP_usp_controller_usp-console.bin', 'mqtt_36_GET_SUPPORTED_PROTO_RESP_usp_controller_usp-console.bin']) {
      expect(parseGetSupportedProtocolResp(parse(file).msg ?? {}).versions).toEqual(['1.0', '1.1', '1.2', '1.3']);
    }
  });

  it('GetInstancesResp lists the LocalAgent instances with unique keys', () => {
    const result = parseGetInstancesResp(parse('mqtt_38_GET_INSTANCES_RESP_usp_controller_usp-console.bin').msg ?? {});
    const instances = result.requestedPaths[0]?.instances ?? [];
    expect(instances).toHaveLength(12);
    expect(instances[0]).toEqual({ path: 'Device.LocalAgent.Controller.1.', uniqueKeys: { Alias: 'usp-console', EndpointID: CONTROLLER } });
    expect(instances.at(-1)).toEqual({
      path: 'Device.LocalAgent.Subscription.1.',
      uniqueKeys: { Alias: 'boot-sub', ID: 'boot-1', Recipient: 'Device.LocalAgent.Controller.1' },
    });
  });

  it('GetSupportedDMResp describes the Subscription table', () => {
    const result = parseGetSupportedDMResp(parse('mqtt_40_GET_SUPPORTED_DM_RESP_usp_controller_usp-console.bin').msg ?? {});
    const req = result.requestedObjs[0];
    expect(req?.dataModelInstUri).toBe('urn:broadband-forum-org:tr-181-2-12-0');
    const obj = req?.objects[0];
    expect([obj?.path, obj?.access, obj?.isMultiInstance]).toEqual(['Device.LocalAgent.Subscription.{i}.', 'addDelete', true]);
    expect(obj?.params).toHaveLength(11);
    expect(obj?.params.find((p) => p.name === 'Recipient')).toEqual({ name: 'Recipient', access: 'readOnly', valueType: 'string', valueChange: 'allowed' });
    expect(obj?.params.find((p) => p.name === 'TimeToLive')?.valueType).toBe('unsignedInt');
    expect(obj?.params.find((p) => p.name === 'CreationDate')?.valueType).toBe('dateTime');
  });

  it('Add, Set, Operate and Delete responses', () => {
    expect(parseAddResp(parse('mqtt_42_ADD_RESP_usp_controller_usp-console.bin').msg ?? {}).createdObjs).toEqual([
      {
        requestedPath: 'Device.LocalAgent.Subscription.',
        ok: true,
        instantiatedPath: 'Device.LocalAgent.Subscription.2.',
        uniqueKeys: { Alias: 'cpe-2', ID: 'tc-oc', Recipient: 'Device.LocalAgent.Controller.1' },
        paramErrs: [],
      },
    ]);
    expect(parseSetResp(parse('mqtt_44_SET_RESP_usp_controller_usp-console.bin').msg ?? {}).updatedObjs).toEqual([
      {
        requestedPath: 'Device.LocalAgent.Subscription.[ID=="tc-oc"].',
        ok: true,
        updatedInstances: [{ affectedPath: 'Device.LocalAgent.Subscription.2.', updatedParams: { Enable: 'false' }, paramErrs: [] }],
      },
    ]);
    expect(parseOperateResp(parse('mqtt_46_OPERATE_RESP_usp_controller_usp-console.bin').msg ?? {}).results).toEqual([
      { executedCommand: 'Device.SelfTestDiagnostics()', kind: 'async', requestPath: 'Device.LocalAgent.Request.1' },
    ]);
    expect(parseDeleteResp(parse('mqtt_48_DELETE_RESP_usp_controller_usp-console.bin').msg ?? {}).deletedObjs).toEqual([
      { requestedPath: 'Device.LocalAgent.Subscription.[ID=="tc-oc"].', ok: true, affectedPaths: ['Device.LocalAgent.Subscription.2.'], unaffectedPathErrs: [] },
    ]);
  });

  it('requests sent by the older controller carry matching msg_type and bodies', () => {
    const add = parse('mqtt_41_ADD_usp_agent_obuspa-lab-1.bin').msg?.body?.request?.add;
    expect(add?.create_objs?.[0]?.param_settings?.map((p) => `${p.param}=${p.value}`)).toEqual([
      'Enable=true',
      'ID=tc-oc',
      'NotifType=OperationComplete',
      'ReferenceList=Device.',
    ]);
    expect(parse('mqtt_45_OPERATE_usp_agent_obuspa-lab-1.bin').msg?.body?.request?.operate).toMatchObject({
      command: 'Device.SelfTestDiagnostics()',
      command_key: 'tc-selftest',
      send_resp: true,
    });
    expect(parse('mqtt_39_GET_SUPPORTED_DM_usp_agent_obuspa-lab-1.bin').msg?.body?.request?.get_supported_dm).toMatchObject({
      obj_paths: ['Device.LocalAgent.Subscription.'],
      return_commands: true,
      return_events: true,
      return_params: true,
    });
  });
});

describe('decode → encode → decode gives the same value', () => {
  it.each(captures.map((c) => [c.file, c.bytes] as const))('%s', (_file, bytes) => {
    const record = decodeRecord(bytes);
    const reRecord = decodeRecord(encodeRecord(record));
    expect(reRecord.toJSON()).toEqual(record.toJSON());
    // The Record layer re-encodes byte-for-byte (protobuf-c and protobufjs both omit defaults).
    expect(Buffer.from(encodeRecord(record)).equals(Buffer.from(bytes))).toBe(true);
    const payload = record.no_session_context?.payload;
    if (payload) {
      const msg = decodeMsg(payload);
      expect(decodeMsg(encodeMsg(msg)).toJSON()).toEqual(msg.toJSON());
      expect(msg).toBeInstanceOf(usp.Msg);
    }
  });
});
