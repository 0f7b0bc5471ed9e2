import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { readSnapshotFile } from '../../services/snapshots/import-snapshot';
import {
  createHomeGatewayModel,
  createSnapshotModel,
  instanceIdOf,
  mqttAgentLink,
  SimFleet,
  snapshotModelSource,
  stompAgentLink,
  websocketAgentLink,
  type AgentLink,
  type DataModel,
} from '../../sim';
import { errorText, fail } from './record-io';
import { untilStopped } from '../one-agent/until-stopped';
import { printable } from '../../../shared/endpoint-id';

const USAGE = `usage: usp-console sim --agents N [--id-prefix proto::sim-] [--controller-id ID]
         (--mqtt URL [--mqtt-version 3.1.1|5] [--agent-topic-prefix usp/agent/] [--controller-topic usp/controller/ID]
          | --stomp URL [--agent-dest-prefix /queue/usp.agent.] [--controller-dest /queue/usp.controller.ID]
          | --ws-connect ws://HOST:PORT/usp)
         [--model SNAPSHOT.json] [--extra-params N] [--async-ms MS]

Runs N simulated USP agents in this process until SIGINT/SIGTERM and prints each agent's
Endpoint ID once it is connected. Each agent serves a TR-181 home-gateway model (or the
model of a snapshot file), answers every request, sends its connect record, Boot! and
OnBoardRequest, and honours subscriptions. One MQTT/STOMP/WebSocket connection per agent.
Agent topics/destinations are the prefix plus the part of the Endpoint ID after the last ':'.
--extra-params grows the built-in model (e.g. 100000 for a large agent).`;

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    options: {
      agents: { type: 'string', default: '1' },
      'id-prefix': { type: 'string', default: 'proto::sim-' },
      'controller-id': { type: 'string', default: 'self::usp-console' },
      mqtt: { type: 'string' },
      'mqtt-version': { type: 'string', default: '5' },
      'agent-topic-prefix': { type: 'string', default: 'usp/agent/' },
      'controller-topic': { type: 'string' },
      stomp: { type: 'string' },
      'agent-dest-prefix': { type: 'string', default: '/queue/usp.agent.' },
      'controller-dest': { type: 'string' },
      'ws-connect': { type: 'string' },
      model: { type: 'string' },
      'extra-params': { type: 'string', default: '0' },
      'async-ms': { type: 'string', default: '1000' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
  });
}

type Values = ReturnType<typeof parse>['values'];

function linkFactory(v: Values): ((endpointId: string) => AgentLink) | string {
  const chosen = [v.mqtt, v.stomp, v['ws-connect']].filter((x) => x !== undefined);
  if (chosen.length !== 1) return 'give exactly one of --mqtt, --stomp or --ws-connect';
  const controllerName = instanceIdOf(v['controller-id'] ?? '');
  if (v.mqtt !== undefined) {
    const version = v['mqtt-version'];
    if (version !== '5' && version !== '3.1.1') return `--mqtt-version must be 3.1.1 or 5, not ${version}`;
    const url = v.mqtt;
    const controllerTopic = v['controller-topic'] ?? `usp/controller/${controllerName}`;
    return (id) => mqttAgentLink(id, { url, version, agentTopicPrefix: v['agent-topic-prefix'] ?? 'usp/agent/', controllerTopic });
  }
  if (v.stomp !== undefined) {
    const url = v.stomp;
    const controllerDestination = v['controller-dest'] ?? `/queue/usp.controller.${controllerName}`;
    return (id) => stompAgentLink(id, { url, agentDestinationPrefix: v['agent-dest-prefix'] ?? '/queue/usp.agent.', controllerDestination });
  }
  const url = v['ws-connect'] ?? '';
  return (id) => websocketAgentLink(id, url);
}

function positiveInt(text: string | undefined, flag: string, min: number): number | string {
  const n = Number(text);
  return Number.isInteger(n) && n >= min ? n : `${flag} must be a whole number ≥ ${min}, not "${text ?? ''}"`;
}

export const simCommand: CliCommand = {
  name: 'sim',
  summary: 'run N simulated USP agents (MQTT, STOMP or WebSocket) until stopped',
  async run(argv) {
    let args: ReturnType<typeof parse>;
    try {
      args = parse(argv);
    } catch (err) {
      return fail('sim', `${errorText(err)} (see usp-console sim --help)`, 2);
    }
    const v = args.values;
    if (v.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const count = positiveInt(v.agents, '--agents', 1);
    const extra = positiveInt(v['extra-params'], '--extra-params', 0);
    const asyncMs = positiveInt(v['async-ms'], '--async-ms', 0);
    const link = linkFactory(v);
    for (const problem of [count, extra, asyncMs, link]) {
      if (typeof problem === 'string') return fail('sim', `${problem} (see usp-console sim --help)`, 2);
    }
    let model: () => DataModel = () => createHomeGatewayModel({ extraParameters: extra as number });
    if (v.model !== undefined) {
      try {
        const source = snapshotModelSource(await readSnapshotFile(v.model));
        model = () => createSnapshotModel(source);
      } catch (err) {
        return fail('sim', `cannot use ${v.model} as a model: ${errorText(err)}`);
      }
    }
    const makeLink = link as (id: string) => AgentLink;
    const fleet = new SimFleet({
      count: count as number,
      idPrefix: v['id-prefix'] ?? 'proto::sim-',
      controllerId: v['controller-id'] ?? 'self::usp-console',
      link: (id) => {
        const made = makeLink(id);
        // The transports reconnect with back-off on their own; say so, or a dropped broker looks like a hang (issue 9 #7).
        made.transport.on('link', (state, reason) => process.stderr.write(`sim: ${id}: link ${state}: ${reason}\n`));
        return made;
      },
      model,
      agent: { asyncCommandMs: asyncMs as number },
    });
    // Warnings quote what the controller side sent: escaped before they reach the terminal.
    for (const agent of fleet.agents) agent.on('warning', (w) => process.stderr.write(`${agent.endpointId}: ${printable(w, 2_000)}\n`));
    // Keeps the process alive through link outages (reconnect timers are unref'd) until a signal.
    const stop = untilStopped(undefined);
    try {
      await fleet.start((agent) => process.stdout.write(`${agent.endpointId}\n`));
    } catch (err) {
      stop.cancel();
      return fail('sim', `an agent could not connect: ${errorText(err)}`, 3);
    }
    process.stderr.write(`sim: ${fleet.agents.length} agents running; Ctrl-C to stop\n`);
    await stop.stopped;
    await fleet.stop();
    return 0;
  },
};
