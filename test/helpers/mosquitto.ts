import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { guardChild, killQuietly, waitForExit } from './child-process-guard';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';
import { waitForPort } from './wait-for-port';

export interface MosquittoOptions {
  /** When given, anonymous clients are refused and only these user → password pairs may connect. */
  users?: Record<string, string>;
  /**
   * Serve MQTT over TLS (mqtts://) with this certificate and key (see makeSelfSignedCert);
   * with `requireClientCert`, only clients with a certificate signed by `caFile` may connect.
   */
  tls?: { certFile: string; keyFile: string; caFile?: string; requireClientCert?: boolean };
}

export interface MosquittoBroker {
  port: number;
  /** mqtt://127.0.0.1:PORT, or mqtts://127.0.0.1:PORT with options.tls */
  url: string;
  /** Directory holding mosquitto.conf and mosquitto.log (read the log when a test fails). */
  dir: string;
  /** Stops the broker (SIGTERM, SIGKILL after 3 s); idempotent. */
  stop(): Promise<void>;
  /** Stops it and starts it again on the same port: clients see the broker go away and come back. */
  restart(): Promise<void>;
  /** Starts it again on the same port after stop() (for tests that act while it is away). */
  start(): Promise<void>;
}

/**
 * A private Mosquitto (MQTT 3.1.1 and 5) on a free 127.0.0.1 port, with persistence off,
 * for one test file: `const broker = await startMosquitto()` in beforeAll and
 * `await broker.stop()` in afterAll. It is also killed when the test process exits.
 */
export async function startMosquitto(options: MosquittoOptions = {}): Promise<MosquittoBroker> {
  const dir = await tempDir('usp-mosquitto-');
  const port = await freePort();
  const conf = join(dir, 'mosquitto.conf');
  const lines = [
    `listener ${port} 127.0.0.1`,
    ...(options.tls === undefined ? [] : [`certfile ${options.tls.certFile}`, `keyfile ${options.tls.keyFile}`]),
    ...(options.tls?.caFile === undefined ? [] : [`cafile ${options.tls.caFile}`]),
    ...(options.tls?.requireClientCert === true ? ['require_certificate true'] : []),
    'persistence false',
    // Mosquitto 2 drops to user "mosquitto" when started as root; staying root keeps the temp files readable.
    'user root',
    'log_dest stderr',
    'log_type error',
    'log_type warning',
    'log_type notice',
  ];
  if (options.users === undefined) lines.push('allow_anonymous true');
  else {
    const passwordFile = join(dir, 'passwords');
    await writeFile(passwordFile, '');
    for (const [user, password] of Object.entries(options.users)) {
      const made = spawnSync('mosquitto_passwd', ['-b', passwordFile, user, password], { encoding: 'utf8' });
      if (made.status !== 0) throw new Error(`mosquitto_passwd failed: ${made.stderr}`);
    }
    lines.push('allow_anonymous false', `password_file ${passwordFile}`);
  }
  await writeFile(conf, `${lines.join('\n')}\n`);

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const log = createWriteStream(join(dir, 'mosquitto.log'), { flags: 'a' });
    const proc = spawn('/usr/sbin/mosquitto', ['-c', conf], { stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.pipe(log);
    proc.stderr.pipe(log);
    guardChild(proc, false);
    child = proc;
    try {
      await waitForPort(port, 10_000, () => proc.exitCode === null && proc.signalCode === null);
    } catch (error) {
      killQuietly(proc, false, 'SIGKILL');
      throw new Error(`Mosquitto did not start (see ${dir}/mosquitto.log): ${(error as Error).message}`, { cause: error });
    }
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined) return;
    killQuietly(proc, false, 'SIGTERM');
    await waitForExit(proc, false, 3_000);
  };

  await launch();
  return {
    port,
    url: options.tls === undefined ? `mqtt://127.0.0.1:${port}` : `mqtts://127.0.0.1:${port}`,
    dir,
    stop,
    start: launch,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
