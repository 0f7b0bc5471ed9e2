// Bulk jobs (issue 10): 1,000 simulated agents over MQTT (in a child process, `usp-console
// sim`), a Set of two parameters at concurrency 64, end to end including persistence of every
// step; this process's CPU time and peak RSS. Targets: < 5 s; < 400 MB. Then a `get` report over
// the same agents. Printed beside the numbers, never asserted. A warning of the app (its warn
// callback) is printed and fails the bench: a warning nobody expected is a bug, not noise.
// JOBS_BENCH_CPU_PROFILE=FILE writes a CPU profile of the Set (open it in Chrome DevTools).
import type { ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { createApp } from '../src/main/app/create-app';
import { startMosquitto } from '../test/helpers/mosquitto';
import { tempDir } from '../test/helpers/temp-dir';
import { collectWarnings } from '../test/helpers/warnings';
import { SOURCE_CLI, startSimProcess } from './sim-process';

const CONTROLLER_ID = 'self::bench-jobs';
const CONTROLLER_TOPIC = 'usp/controller/bench-jobs';
const FLEET = 1000;

const line = (what: string, value: string, target = ''): void => console.log(`${what.padEnd(52)} ${value.padStart(14)}${target ? `   target ${target}` : ''}`);
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

const simFleet = (url: string): Promise<ChildProcess> =>
  startSimProcess(SOURCE_CLI, ['--agents', String(FLEET), '--id-prefix', 'proto::bj-', '--controller-id', CONTROLLER_ID, '--mqtt', url, '--controller-topic', CONTROLLER_TOPIC], FLEET);

const { warn, warnings } = collectWarnings();
const broker = await startMosquitto();
const app = await createApp({
  dataDir: await tempDir(),
  host: 'web',
  appVersion: 'bench',
  controllerEndpointId: CONTROLLER_ID,
  mqttBrokers: [{ id: 'mqtt', name: 'bench', enabled: true, url: broker.url, protocolVersion: 5, controllerTopic: CONTROLLER_TOPIC }],
  warn,
});
const sim = await simFleet(broker.url);
try {
  // Online and identified: the Set's {serial} placeholder needs each agent's DeviceInfo.
  while ((await app.api.listAgents()).filter((a) => a.presence === 'online' && a.serialNumber !== null).length < FLEET) await new Promise((resolve) => setTimeout(resolve, 100));
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 20);

  const profiler = process.env.JOBS_BENCH_CPU_PROFILE ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpu = process.cpuUsage();
  const started = performance.now();
  const job = app.jobs.start({
    name: 'bench set',
    targets: { filter: 'mtp=="mqtt"' },
    operation: { kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': 'bench-{serial}', 'Device.WiFi.Radio.1.Channel': 11 } },
    options: { concurrency: 64, canary: 1 },
  });
  const done = await app.jobs.whenSettled(job.id);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(process.env.JOBS_BENCH_CPU_PROFILE!, JSON.stringify(profile));
    profiler.disconnect();
  }
  line(`Set of 2 params on ${FLEET} agents, concurrency 64`, `${seconds.toFixed(2)} s`, '< 5 s');
  line('  outcome', `${done.state} ${done.counts.succeeded}/${done.total}`);
  line('  controller CPU (user + system)', `${((used.user + used.system) / 1e6).toFixed(2)} s`);

  const reportStart = performance.now();
  const report = app.jobs.start({ name: 'bench get', targets: { filter: 'mtp=="mqtt"' }, operation: { kind: 'get', paths: ['Device.DeviceInfo.SoftwareVersion'] }, options: { concurrency: 64, canary: 0 } });
  await app.jobs.whenSettled(report.id);
  line(`get report over ${FLEET} agents`, `${((performance.now() - reportStart) / 1000).toFixed(2)} s`);
  const rowsStart = performance.now();
  const rows = app.jobs.report(report.id).rows.length;
  line(`  report rows (${rows})`, `${(performance.now() - rowsStart).toFixed(0)} ms`);
  clearInterval(sampler);
  line('peak RSS of this process', mb(peakRss), '< 400 MB');
} finally {
  sim.kill('SIGTERM');
  await app.close();
  await broker.stop();
  if (warnings.length > 0) {
    for (const message of warnings) console.error(`warning: ${message}`);
    console.error(`jobs bench: ${warnings.length} warning(s), failing`);
    process.exitCode = 1;
  }
}
