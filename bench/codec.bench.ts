// Codec throughput: records per second for encode and decode of three Record sizes, our path
// (src/main/usp: strict decode with structural checks) beside bare protobufjs (the generated
// static code alone) on the same bytes. Target (issue 2): our decode within 1.25x of bare.
import { usp, usp_record } from '../src/main/usp/generated/usp-proto.js';
import { buildGet } from '../src/main/usp/messages';
import { buildMsgRecord, parseRecord } from '../src/main/usp/record';

const ids = { toId: 'self::usp-console', fromId: 'proto::gateway-1' };
const G = usp.GetSupportedDMResp;

function smallGet(): usp.IMsg {
  return buildGet('get-1', ['Device.DeviceInfo.SoftwareVersion', 'Device.WiFi.SSID.*.SSID']);
}

/** A GetResp with 5,000 parameters: 250 instances of 20 parameters each. */
function getResp5000(): usp.IMsg {
  const resolved: usp.GetResp.IResolvedPathResult[] = [];
  for (let i = 1; i <= 250; i++) {
    const params: Record<string, string> = {};
    for (let p = 0; p < 20; p++) params[`Parameter${p}Name`] = `value-${i}-${p}-${'x'.repeat(p % 7)}`;
    resolved.push({ resolved_path: `Device.Hosts.Host.${i}.`, result_params: params });
  }
  return {
    header: { msg_id: 'get-5000', msg_type: usp.Header.MsgType.GET_RESP },
    body: { response: { get_resp: { req_path_results: [{ requested_path: 'Device.Hosts.Host.*.', resolved_path_results: resolved }] } } },
  };
}

/**
 * A GetSupportedDMResp the size of a full gateway data model (TR-181 Device:2 on a home
 * gateway): 1,200 objects, 14,400 parameters, 300 commands, 120 events, unique keys on tables.
 */
function fullGatewayGsdm(): usp.IMsg {
  const objs: usp.GetSupportedDMResp.ISupportedObjectResult[] = [];
  for (let o = 0; o < 1200; o++) {
    const multi = o % 3 === 0;
    const params: usp.GetSupportedDMResp.ISupportedParamResult[] = [];
    for (let p = 0; p < 12; p++) {
      params.push({
        param_name: `Param${p}${p % 2 ? 'Status' : 'Enable'}`,
        access: p % 3 === 0 ? G.ParamAccessType.PARAM_READ_WRITE : G.ParamAccessType.PARAM_READ_ONLY,
        value_type: ((p % 10) + 1) as usp.GetSupportedDMResp.ParamValueType,
        value_change: G.ValueChangeType.VALUE_CHANGE_ALLOWED,
      });
    }
    objs.push({
      supported_obj_path: `Device.Layer${o % 40}.Object${o}.${multi ? '{i}.' : ''}`,
      access: multi ? G.ObjAccessType.OBJ_ADD_DELETE : G.ObjAccessType.OBJ_READ_ONLY,
      is_multi_instance: multi,
      supported_params: params,
      supported_commands:
        o % 4 === 0 ? [{ command_name: 'Reset()', command_type: G.CmdType.CMD_ASYNC, input_arg_names: ['Mode', 'Delay'], output_arg_names: ['Status'] }] : [],
      supported_events: o % 10 === 0 ? [{ event_name: 'Changed!', arg_names: ['Old', 'New'] }] : [],
      unique_key_sets: multi ? [{ key_names: ['Alias'] }, { key_names: ['Name'] }] : [],
    });
  }
  return {
    header: { msg_id: 'gsdm-full', msg_type: usp.Header.MsgType.GET_SUPPORTED_DM_RESP },
    body: {
      response: {
        get_supported_dm_resp: {
          req_obj_results: [{ req_obj_path: 'Device.', data_model_inst_uri: 'urn:broadband-forum-org:tr-181-2-16-0', supported_objs: objs }],
        },
      },
    },
  };
}

/** CPU time of this process in ms: unlike wall time, it does not count time other processes run. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * Runs fn repeatedly for about `ms` milliseconds of CPU time (after a warm-up) and returns calls
 * per CPU-second. CPU time keeps results comparable on a machine shared with other work.
 */
function rate(fn: () => unknown, ms: number): number {
  const warmUntil = cpuMs() + ms / 4;
  while (cpuMs() < warmUntil) fn();
  let calls = 0;
  const start = cpuMs();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 4; i++) fn();
    calls += 4;
    now = cpuMs();
  }
  return (calls * 1000) / (now - start);
}

/** Best of several alternating rounds, so both sides see the same machine load. */
function compare(ours: () => unknown, bare: () => unknown, ms: number): { ours: number; bare: number } {
  let bestOurs = 0;
  let bestBare = 0;
  for (let round = 0; round < 7; round++) {
    bestBare = Math.max(bestBare, rate(bare, ms));
    bestOurs = Math.max(bestOurs, rate(ours, ms));
  }
  return { ours: bestOurs, bare: bestBare };
}

const fmt = (n: number): string => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toFixed(1));

function line(label: string, op: string, r: { ours: number; bare: number }): string {
  // ratio = how many times longer our path takes per record than bare protobufjs.
  const ratio = r.bare / r.ours;
  return `${label.padEnd(34)} ${op.padEnd(7)} ${fmt(r.ours).padStart(12)} rec/s  ${fmt(r.bare).padStart(12)} rec/s  ${ratio.toFixed(2).padStart(6)}x`;
}

const cases: [string, usp.IMsg, number][] = [
  ['small Get', smallGet(), 300],
  ['GetResp 5,000 params', getResp5000(), 600],
  ['GSDM full gateway', fullGatewayGsdm(), 1200],
];

console.log('records per CPU-second, best of 7 alternating rounds');
console.log(`${'record'.padEnd(34)} ${'op'.padEnd(7)} ${'ours'.padStart(18)}  ${'bare protobufjs'.padStart(18)}  ratio (ours time / bare time)`);
for (const [label, msg, ms] of cases) {
  // Options built once, as a caller holding an agent's addressing would; spreading per call
  // would make both sides slower and measure the caller rather than the codec.
  const options = { toId: ids.toId, fromId: ids.fromId, msg };
  const bytes = buildMsgRecord(options);
  const decode = compare(
    () => parseRecord(bytes),
    () => {
      const record = usp_record.Record.decode(bytes);
      return usp.Msg.decode(record.no_session_context?.payload ?? new Uint8Array());
    },
    ms,
  );
  const encode = compare(
    () => buildMsgRecord(options),
    () =>
      usp_record.Record.encode({
        version: '1.4',
        to_id: ids.toId,
        from_id: ids.fromId,
        no_session_context: { payload: usp.Msg.encode(msg).finish() },
      }).finish(),
    ms,
  );
  console.log(`${line(`${label} (${fmt(bytes.length)} B)`, 'decode', decode)}`);
  console.log(`${line('', 'encode', encode)}`);
}
