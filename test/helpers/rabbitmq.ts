import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { guardChild, killQuietly, waitForExit } from './child-process-guard';
import { freePort } from './free-port';
import { tempDir } from './temp-dir';
import { waitForPort, waitForPortClosed } from './wait-for-port';

const RABBIT_BIN = '/usr/lib/rabbitmq/bin';

export interface RabbitStompOptions {
  /**
   * Also serve STOMP over TLS (stomps://) with this certificate and key (see makeSelfSignedCert);
   * with `requireClientCert`, only clients with a certificate signed by `caFile` may connect.
   */
  tls?: { certFile: string; keyFile: string; caFile?: string; requireClientCert?: boolean };
}

export interface RabbitStompBroker {
  /** The STOMP listener on 127.0.0.1. */
  stompPort: number;
  /** The STOMP-over-TLS listener, when started with options.tls. */
  stompTlsPort?: number;
  /** stomp://guest:guest@127.0.0.1:PORT */
  url: string;
  login: string;
  passcode: string;
  /** The node's directory: logs are under `log/`. */
  dir: string;
  /** Stops the node (rabbitmqctl stop, then SIGKILL to its process group); idempotent. */
  stop(): Promise<void>;
  /** Stops the node and starts it again with the same ports and data. */
  restart(): Promise<void>;
}

/**
 * A private RabbitMQ node with only the STOMP plugin, on free 127.0.0.1 ports, with its
 * own HOME (Erlang cookie), Mnesia and log directories, so it never touches the system
 * node. Starting takes several seconds: start one per test file in beforeAll and stop it
 * in afterAll. It is also killed (whole process group) when the test process exits.
 * Uses /usr/lib/rabbitmq/bin directly: the /usr/sbin wrappers switch user.
 */
export async function startRabbitStomp(options: RabbitStompOptions = {}): Promise<RabbitStompBroker> {
  const dir = await tempDir('usp-rabbit-');
  const [stompPort, amqpPort, distPort] = [await freePort(), await freePort(), await freePort()];
  const stompTlsPort = options.tls === undefined ? undefined : await freePort();
  const nodeName = `usptest${process.pid}x${stompPort}@localhost`;
  await Promise.all(['home', 'mnesia', 'log'].map((d) => mkdir(join(dir, d))));
  const pluginsFile = join(dir, 'enabled_plugins');
  await writeFile(pluginsFile, '[rabbitmq_stomp].\n');
  const configFile = join(dir, 'rabbitmq.conf');
  await writeFile(
    configFile,
    [
      `listeners.tcp.1 = 127.0.0.1:${amqpPort}`,
      `stomp.listeners.tcp.1 = 127.0.0.1:${stompPort}`,
      'loopback_users.guest = false',
      ...(options.tls === undefined
        ? []
        : [
            `stomp.listeners.ssl.1 = 127.0.0.1:${stompTlsPort}`,
            `ssl_options.certfile = ${options.tls.certFile}`,
            `ssl_options.keyfile = ${options.tls.keyFile}`,
            ...(options.tls.caFile === undefined ? [] : [`ssl_options.cacertfile = ${options.tls.caFile}`]),
            ...(options.tls.requireClientCert === true
              ? ['ssl_options.verify = verify_peer', 'ssl_options.fail_if_no_peer_cert = true']
              : ['ssl_options.verify = verify_none', 'ssl_options.fail_if_no_peer_cert = false']),
          ]),
      '',
    ].join('\n'),
  );
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOME: join(dir, 'home'),
    RABBITMQ_NODENAME: nodeName,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(amqpPort),
    RABBITMQ_DIST_PORT: String(distPort),
    RABBITMQ_MNESIA_BASE: join(dir, 'mnesia'),
    RABBITMQ_LOG_BASE: join(dir, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: pluginsFile,
    RABBITMQ_CONFIG_FILE: configFile,
  };
  // Erlang nodes register with epmd; start it ourselves as a daemon so it is not part of
  // the node's process group (killing that group must not kill a shared epmd).
  spawnSync('epmd', ['-daemon']);

  let child: ChildProcess | undefined;
  const launch = async (): Promise<void> => {
    const log = createWriteStream(join(dir, 'log', 'console.log'), { flags: 'a' });
    const proc = spawn(join(RABBIT_BIN, 'rabbitmq-server'), [], { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    proc.stdout.pipe(log);
    proc.stderr.pipe(log);
    guardChild(proc, true);
    child = proc;
    try {
      await waitForPort(stompPort, 60_000, () => proc.exitCode === null && proc.signalCode === null);
    } catch (error) {
      killQuietly(proc, true, 'SIGKILL');
      throw new Error(`RabbitMQ did not start (see ${dir}/log): ${(error as Error).message}`, { cause: error });
    }
  };
  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (proc === undefined) return;
    await new Promise<void>((resolve) => {
      const ctl = spawn(join(RABBIT_BIN, 'rabbitmqctl'), ['-n', nodeName, 'stop'], { env, stdio: 'ignore' });
      const timer = setTimeout(() => ctl.kill('SIGKILL'), 15_000);
      ctl.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      ctl.once('error', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    killQuietly(proc, true, 'SIGTERM');
    await waitForExit(proc, true, 5_000);
    // Reap anything left in the group (erl_child_setup, inet_gethost) and make sure the port is free for a restart.
    killQuietly(proc, true, 'SIGKILL');
    await waitForPortClosed(stompPort, 10_000);
  };

  await launch();
  return {
    stompPort,
    ...(stompTlsPort === undefined ? {} : { stompTlsPort }),
    url: `stomp://guest:guest@127.0.0.1:${stompPort}`,
    login: 'guest',
    passcode: 'guest',
    dir,
    stop,
    restart: async () => {
      await stop();
      await launch();
    },
  };
}
