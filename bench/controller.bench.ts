// The controller over MQTT (issue 3): Get round trips per second to a simulated agent with 1,
// 16 and 256 in flight, beside a raw MQTT.js request/echo on the same private Mosquitto (the
// ceiling, answering with a payload of the GetResp's size) and the ratio. The agent and the echo
// each run in a child process, so this process holds only the controller or the bare client. Then 1,000 simulated agents in a child
// process (`usp-console sim`): seconds to Get Device.DeviceInfo. from all of them, and this
// process's memory with them connected. Targets: >= 0.6 of the ceiling at 16 in flight; the
// 1,000-agent Get < 3 s; < 300 MB. Printed beside the numbers, never asserted.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { join } from 'node:path';
import { connect, type MqttClient } from 'mqtt';
import { runRequestBench, type BenchReport } from '../src/main/cli/one-agent/request-bench';
import { Controller, type TraceEntry } from '../src/main/controller';
import { MqttTransport } from '../src/main/mtp/mqtt/mqtt-transport';
import { startMosquitto } from '../test/helpers/mosquitto';

const CONTROLLER_ID = 'self::bench-controller';
const CONTROLLER_TOPIC = 'usp/controller/bench-controller';
const FLEET = 1000;
const IN_FLIGHT = [1, 16, 256];
const REQUESTS: Record<number, number> = { 1: 400, 16: 2000, 256: 2000 };

const root = join(import.meta.dirname, '..');
const line = (what: string, value: string, target = ''): void => console.log(`${what.padEnd(52)} ${value.padStart(14)}${target ? `   target ${target}` : ''}`);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

function connected(url: string, clientId: string): Promise<MqttClient> {
  return new Promise((resolve, reject) => {
    const client = connect(url, { protocolVersion: 5, clientId, reconnectPeriod: 0 });
    client.once('connect', () => resolve(client));
    client.once('error', reject);
  });
}

/** A child process (tsx) that prints `ready` (or an Endpoint ID per agent) once it can be used. */
async function child(args: string[], readyLines: number): Promise<ChildProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  let ready = 0;
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: proc.stdout as Readable }).on('line', () => {
      if (++ready === readyLines) resolve();
    });
    proc.once('exit', (code) => reject(new Error(`${args.join(' ')} exited (${code ?? 'signal'}) after ${ready} lines`)));
  });
  return proc;
}

/**
 * The ceiling: an MQTT.js client publishes requests of `requestBytes`; an echo process answers
 * each on its Response Topic with `responseBytes` (the sizes of the real Get and GetResp Records).
 */
async function rawEcho(url: string, requests: number, inFlight: number, requestBytes: number, responseBytes: number): Promise<BenchReport> {
  const echo = await child(['bench/mqtt-echo-worker.ts', url, String(responseBytes)], 1);
  const requester = await connected(url, 'bench-requester');
  try {
    await requester.subscribeAsync('bench/requester', { qos: 0 });
    const waiting = new Map<string, () => void>();
    requester.on('message', (_topic, _message, packet) => waiting.get(String(packet.properties?.correlationData))?.());
    const request = Buffer.alloc(requestBytes, 1);
    let n = 0;
    return await runRequestBench(requests, inFlight, () => {
      const id = String(++n);
      return new Promise((resolve) => {
        waiting.set(id, () => {
          waiting.delete(id);
          resolve('ok');
        });
        requester.publish('bench/echo', request, { qos: 0, properties: { responseTopic: 'bench/requester', correlationData: Buffer.from(id) } });
      });
    });
  } finally {
    echo.kill('SIGTERM');
    await requester.endAsync();
  }
}

function controllerTransport(url: string): MqttTransport {
  return new MqttTransport({
    id: 'bench-mqtt',
    url,
    clientId: '',
    protocolVersion: 5,
    subscriptions: [CONTROLLER_TOPIC, `${CONTROLLER_TOPIC}/#`],
    replyTopic: CONTROLLER_TOPIC,
    endpointId: CONTROLLER_ID,
  });
}

/** Sizes of one Get Record out and its GetResp Record in, from the controller's trace. */
async function recordSizes(controller: Controller, id: string, path: string): Promise<{ out: number; in: number }> {
  const sizes = { out: 0, in: 0 };
  const onTrace = (entry: TraceEntry): void => {
    sizes[entry.direction] = entry.bytes.length;
  };
  controller.on('trace', onTrace);
  await controller.get(id, [path]);
  controller.off('trace', onTrace);
  return sizes;
}

async function roundTrips(url: string): Promise<void> {
  const id = 'proto::bench-1';
  const sim = await child(['src/main/cli/index.ts', 'sim', '--agents', '1', '--id-prefix', 'proto::bench-', '--controller-id', CONTROLLER_ID, '--mqtt', url, '--controller-topic', CONTROLLER_TOPIC], 1);
  console.log('Get to one simulated agent vs raw MQTT.js request/echo of the same Record sizes (each far side in its own process):');
  for (const path of ['Device.DeviceInfo.UpTime', 'Device.DeviceInfo.']) {
    for (const inFlight of IN_FLIGHT) {
      const transport = controllerTransport(url);
      await transport.start();
      const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], maxInFlightPerAgent: inFlight, queryProtocolOnContact: false });
      controller.addAgent(id, transport.addressFor('usp/agent/bench-1'));
      const sizes = await recordSizes(controller, id, path);
      const requests = REQUESTS[inFlight] ?? 1000;
      const raw = await rawEcho(url, requests, inFlight, sizes.out, sizes.in);
      const usp = await runRequestBench(requests, inFlight, async () => {
        try {
          await controller.get(id, [path]);
          return 'ok';
        } catch {
          return 'error';
        }
      });
      const ratio = usp.roundTripsPerSecond / raw.roundTripsPerSecond;
      console.log(`  Get ${path} (${sizes.out} B out, ${sizes.in} B back), ${inFlight} in flight:`);
      line(`    raw MQTT.js request/echo`, `${raw.roundTripsPerSecond.toFixed(0)} /s`);
      line(`    controller Get (p50 ${usp.latencyMs.p50} ms, p99 ${usp.latencyMs.p99} ms)`, `${usp.roundTripsPerSecond.toFixed(0)} /s`);
      line(`    ratio (errors ${usp.errors})`, ratio.toFixed(2), inFlight === 16 ? '≥ 0.60' : '');
      controller.close();
      await transport.stop();
    }
  }
  sim.kill('SIGTERM');
}

async function fleet(url: string): Promise<void> {
  const transport = controllerTransport(url);
  await transport.start();
  const controller = new Controller({ endpointId: CONTROLLER_ID, transports: [transport], queryProtocolOnContact: false, requestTimeoutMs: 60_000 });
  controller.setMaxListeners(0);
  const baseline = process.memoryUsage();
  const t0 = Date.now();
  const sims = await child(
    ['src/main/cli/index.ts', 'sim', '--agents', String(FLEET), '--id-prefix', 'proto::fleet-', '--controller-id', CONTROLLER_ID, '--mqtt', url, '--controller-topic', CONTROLLER_TOPIC],
    FLEET,
  );
  try {
    const online = (): number => controller.knownAgents().filter((a) => a.online).length;
    while (online() < FLEET) await new Promise((r) => setTimeout(r, 100));
    line(`${FLEET} simulated agents connected (child process)`, `${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const ids = controller.knownAgents().map((a) => a.endpointId);
    const t1 = process.hrtime.bigint();
    const results = await Promise.allSettled(ids.map((id) => controller.get(id, ['Device.DeviceInfo.'])));
    const seconds = Number(process.hrtime.bigint() - t1) / 1e9;
    const failed = results.filter((r) => r.status === 'rejected').length;
    line(`Get Device.DeviceInfo. from all ${FLEET} (${failed} failed)`, `${seconds.toFixed(2)} s`, '< 3 s');
    const mem = process.memoryUsage();
    line(`controller heap with ${FLEET} agents (growth ${mb(mem.heapUsed - baseline.heapUsed)})`, mb(mem.heapUsed));
    line(`controller RSS with ${FLEET} agents`, mb(mem.rss), '< 300 MB');
  } finally {
    sims.kill('SIGTERM');
    controller.close();
    await transport.stop();
  }
}

const broker = await startMosquitto();
try {
  await roundTrips(broker.url);
  await fleet(broker.url);
} finally {
  await broker.stop();
}
