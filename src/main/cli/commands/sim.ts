import { DEFAULT_CONTROLLER_ID } from '../../services/settings-service';
import { readSnapshotFile } from '../../services/snapshots/import-snapshot';
import {
  createHomeGatewayModel,
  createSnapshotModel,
  FAULTS,
  instanceIdOf,
  mqttAgentLink,
  parseFaults,
  SimFaults,
  SimFleet,
  snapshotModelSource,
  stompAgentLink,
  websocketAgentLink,
  type AgentLink,
  type DataModel,
} from '../../sim';
import { CliFailure, CliUsageError } from '../framework/cli-errors';
import { defineCommand, type OptionValues } from '../framework/define-command';
import { checkEndpointIdFlag } from '../framework/endpoint-id-flag';
import { EXIT } from '../framework/exit-codes';
import { untilStopped } from '../one-agent/until-stopped';
import type { TlsFiles } from '../../mtp/tls-files';
import { errorText } from './record-io';
import { simTlsFiles } from './sim-tls';
import { seededRandom } from '../../../shared/seeded-random';

const firmwareGroup = 'Firmware and reboots';
const mqttGroup = 'MQTT (the agents use the same --mqtt-version as the console)';
const stompGroup = 'STOMP';
const tlsGroup = 'TLS (with mqtts://, stomps:// or wss:// URLs)';

const simOptions = {
  agents: { type: 'string', value: 'N', help: 'how many agents', default: '1' },
  'id-prefix': { type: 'string', value: 'PREFIX', help: 'Endpoint IDs are PREFIX1…PREFIXN', default: 'proto::sim-' },
  'controller-id': { type: 'string', value: 'EID', help: "the console's Endpoint ID the agents send to", default: DEFAULT_CONTROLLER_ID },
  model: { type: 'string', value: 'SNAPSHOT.json', help: 'serve the model of a snapshot file instead of the built-in home gateway' },
  'extra-params': { type: 'string', value: 'N', help: 'grow the built-in model (e.g. 100000 for a large agent)', default: '0' },
  'async-ms': { type: 'string', value: 'MS', help: 'how long asynchronous commands (IPPing()) take', default: '1000' },
  'reboot-delay': { type: 'string', value: 'SECONDS', group: firmwareGroup, help: 'how long a rebooting agent stays disconnected before it connects again and sends Boot!', default: '1' },
  faults: { type: 'string', value: 'NAME=P,…', group: firmwareGroup, help: `inject failures with probability P (0..1): ${Object.keys(FAULTS).join(', ')}` },
  'faults-seed': { type: 'string', value: 'N', group: firmwareGroup, help: 'replay the same faults: agent i draws from seed N+i (default: random)' },
  'fetch-firmware': { type: 'boolean', group: firmwareGroup, help: 'Download() really fetches http(s) images (at most 256 MiB, 30 s) and checks FileSize and CheckSum' },
  mqtt: { type: 'string', value: 'URL', group: mqttGroup, help: 'connect each agent to this MQTT broker' },
  'mqtt-version': { type: 'string', value: '3.1.1|5', group: mqttGroup, help: 'MQTT protocol version', default: '5' },
  'agent-topic-prefix': { type: 'string', value: 'PREFIX', group: mqttGroup, help: 'agent topic = PREFIX + the part of its Endpoint ID after the last ":"', default: 'usp/agent/' },
  'controller-topic': { type: 'string', value: 'TOPIC', group: mqttGroup, help: 'where the agents publish (default usp/controller/ + the end of --controller-id)' },
  'mqtt-username': { type: 'string', value: 'USER', group: mqttGroup, help: 'MQTT login (with --mqtt-password)' },
  'mqtt-password': { type: 'string', value: 'PASS', group: mqttGroup, help: 'MQTT password' },
  stomp: { type: 'string', value: 'URL', group: stompGroup, help: 'connect each agent to this STOMP broker' },
  'agent-dest-prefix': { type: 'string', value: 'PREFIX', group: stompGroup, help: 'agent destination = PREFIX + the end of its Endpoint ID', default: '/queue/usp.agent.' },
  'controller-dest': { type: 'string', value: 'DEST', group: stompGroup, help: 'where the agents send (default /queue/usp.controller. + the end of --controller-id)' },
  'ws-connect': { type: 'string', value: 'URL', group: 'WebSocket', help: "connect each agent to the console's WebSocket listener, e.g. ws://127.0.0.1:8778/usp" },
  'e2e-session': { type: 'string', value: 'Require|Allow|Forbid', group: 'E2E session', help: 'E2ESession.SessionMode towards the controller (Forbid refuses session contexts with 7106, as OB-USP-Agent)', default: 'Forbid' },
  'max-record-size': { type: 'string', value: 'BYTES', group: 'E2E session', help: 'MaxUSPRecordSize (0 = no limit, else >= 512): larger Msgs go in segments', default: '0' },
  ca: { type: 'string', value: 'FILE', group: tlsGroup, help: 'CA certificates to trust (default: the system store; with --issue-certs the bench CA)' },
  cert: { type: 'string', value: 'FILE', group: tlsGroup, help: 'one client certificate for every agent (e.g. a shared wildcard one, R-SEC.11), with --key' },
  key: { type: 'string', value: 'FILE', group: tlsGroup, help: 'the private key of --cert' },
  'cert-dir': { type: 'string', value: 'DIR', group: tlsGroup, help: "per-agent files DIR/<Endpoint ID with ':' as '_'>.crt/.key, as \"certs issue\" writes them" },
  'issue-certs': { type: 'boolean', group: tlsGroup, help: 'issue each agent a certificate from the bench CA in --data DIR (made by "certs init"), kept in DIR/certs/agents/' },
  data: { type: 'string', value: 'DIR', group: tlsGroup, help: 'the data folder holding the bench CA (with --issue-certs)' },
} as const;

type Values = OptionValues<typeof simOptions>;

function linkFactory(v: Values, tls: (endpointId: string) => TlsFiles | undefined): (endpointId: string) => AgentLink {
  const chosen = [v.mqtt, v.stomp, v['ws-connect']].filter((x) => x !== undefined);
  if (chosen.length !== 1) throw new CliUsageError('give exactly one of --mqtt, --stomp or --ws-connect');
  const controllerName = instanceIdOf(v['controller-id'] ?? '');
  if (v.mqtt !== undefined) {
    const version = v['mqtt-version'];
    if (version !== '5' && version !== '3.1.1') throw new CliUsageError(`--mqtt-version must be 3.1.1 or 5, not ${version ?? ''}`);
    const username = v['mqtt-username'];
    const password = v['mqtt-password'];
    if ((username === undefined) !== (password === undefined)) throw new CliUsageError('--mqtt-username and --mqtt-password go together');
    const url = v.mqtt;
    const controllerTopic = v['controller-topic'] ?? `usp/controller/${controllerName}`;
    const login = username !== undefined && password !== undefined ? { username, password } : {};
    return (id) => mqttAgentLink(id, { url, version, agentTopicPrefix: v['agent-topic-prefix'] ?? 'usp/agent/', controllerTopic, ...login, ...withTls(tls(id)) });
  }
  if (v.stomp !== undefined) {
    const url = v.stomp;
    const controllerDestination = v['controller-dest'] ?? `/queue/usp.controller.${controllerName}`;
    return (id) => stompAgentLink(id, { url, agentDestinationPrefix: v['agent-dest-prefix'] ?? '/queue/usp.agent.', controllerDestination, ...withTls(tls(id)) });
  }
  const url = v['ws-connect'] ?? '';
  return (id) => websocketAgentLink(id, url, tls(id));
}

function withTls(tls: TlsFiles | undefined): { tls?: TlsFiles } {
  return tls === undefined ? {} : { tls };
}

function positiveInt(text: string | undefined, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new CliUsageError(`${flag} must be a whole number ≥ ${min}, not "${text ?? ''}"`);
  return n;
}

export const simCommand = defineCommand({
  name: 'sim',
  summary: 'run N simulated USP agents (MQTT, STOMP or WebSocket) until stopped',
  synopsis: `--agents N [--id-prefix proto::sim-] [--controller-id EID]
         (--mqtt URL [--mqtt-version 3.1.1|5] [--agent-topic-prefix usp/agent/] [--controller-topic T]
          | --stomp URL [--agent-dest-prefix /queue/usp.agent.] [--controller-dest D]
          | --ws-connect ws://HOST:PORT/usp)
         [--model SNAPSHOT.json] [--extra-params N] [--async-ms MS]
         [--reboot-delay SECONDS] [--faults download=0.1,activate=0.05,boot-old-image=0.05,no-boot=0.02]
         [--faults-seed N] [--fetch-firmware]
         [--e2e-session Require|Allow|Forbid] [--max-record-size BYTES]
         [--ca FILE] [--cert FILE --key FILE | --cert-dir DIR | --issue-certs [--data DIR]]`,
  description: `Runs N simulated USP agents in this process and prints each agent's Endpoint ID on stdout
once it is connected. Each agent serves a TR-181 home-gateway model (or the model of a snapshot
file), answers every request, sends its connect record, Boot! and OnBoardRequest, and honours
subscriptions. Reboot(), FactoryReset() and firmware activation drop the agent's connection,
which comes back after --reboot-delay with Boot!. --faults makes firmware campaigns fail on
purpose, each fault with its probability whenever an agent gets there:
${Object.entries(FAULTS).map(([name, what]) => `  ${name}: ${what}`).join('\n')}
One MQTT/STOMP/WebSocket connection per agent. Agent topics/destinations are the
prefix plus the part of the Endpoint ID after the last ":" (proto::sim-1 → usp/agent/sim-1).
Runs until Ctrl-C or SIGTERM, then disconnects every agent and exits 0; exit 3 when an agent
cannot connect.`,
  options: simOptions,
  async run({ values: v, report }) {
    const count = positiveInt(v.agents, '--agents', 1);
    const extra = positiveInt(v['extra-params'], '--extra-params', 0);
    const asyncMs = positiveInt(v['async-ms'], '--async-ms', 0);
    const idPrefix = v['id-prefix'] ?? 'proto::sim-';
    const controllerId = checkEndpointIdFlag('--controller-id', v['controller-id'] ?? DEFAULT_CONTROLLER_ID);
    checkEndpointIdFlag('--id-prefix', `${idPrefix}${count}`);
    let tls: Awaited<ReturnType<typeof simTlsFiles>>;
    try {
      const ids = Array.from({ length: count }, (_, i) => `${idPrefix}${i + 1}`);
      tls = await simTlsFiles(v, v.mqtt ?? v.stomp ?? v['ws-connect'] ?? '', ids);
    } catch (err) {
      throw new CliFailure(`cannot prepare the agents' certificates: ${errorText(err)}`, EXIT.failed);
    }
    if (typeof tls === 'string') throw new CliUsageError(tls);
    const link = linkFactory(v, tls);
    const sessionMode = v['e2e-session'];
    if (sessionMode !== 'Require' && sessionMode !== 'Allow' && sessionMode !== 'Forbid') {
      throw new CliUsageError(`--e2e-session must be Require, Allow or Forbid, not "${sessionMode ?? ''}"`);
    }
    const rebootDelay = Number(v['reboot-delay']);
    if (!(rebootDelay >= 0 && rebootDelay <= 3600)) throw new CliUsageError(`--reboot-delay must be a number of seconds from 0 to 3600, not "${v['reboot-delay'] ?? ''}"`);
    const faultRates = parseFaults(v.faults ?? '');
    if (!faultRates.ok) throw new CliUsageError(`--faults: ${faultRates.message}`);
    const seed = v['faults-seed'] === undefined ? undefined : positiveInt(v['faults-seed'], '--faults-seed', 0);
    const maxRecord = v['max-record-size'] === '0' ? 0 : positiveInt(v['max-record-size'], '--max-record-size', 512);
    let model: () => DataModel = () => createHomeGatewayModel({ extraParameters: extra });
    if (v.model !== undefined) {
      const source = snapshotModelSource(await readSnapshotFile(v.model));
      model = () => createSnapshotModel(source);
    }
    const fleet = new SimFleet({
      count, idPrefix, controllerId, model,
      link: (id) => {
        const made = link(id);
        // The transports reconnect with back-off on their own; say so, or a dropped broker looks like a hang.
        made.transport.on('link', (state, reason) => report.note(`${id}: link ${state}: ${reason}`));
        return made;
      },
      agent: { asyncCommandMs: asyncMs, rebootDelayMs: rebootDelay * 1000, fetchFirmware: v['fetch-firmware'] === true, e2eSession: { sessionMode, maxUspRecordSize: maxRecord } },
      faults: (_id, i) => new SimFaults(faultRates.rates, seed === undefined ? Math.random : seededRandom(seed + i)),
    });
    for (const agent of fleet.agents) agent.on('warning', (w) => report.warn(`${agent.endpointId}: ${w}`));
    const stop = untilStopped(undefined);
    try {
      await fleet.start((agent) => report.text(agent.endpointId));
    } catch (err) {
      stop.cancel();
      await fleet.stop().catch(() => undefined);
      throw new CliFailure(`an agent could not connect: ${errorText(err)}`, EXIT.unreachable);
    }
    report.note(`${fleet.agents.length} agents running; Ctrl-C to stop`);
    const reason = await stop.stopped;
    report.note(`stopping (${reason})`);
    await fleet.stop();
    return EXIT.ok;
  },
});
