import { afterAll, beforeAll } from 'vitest';
import { SimFleet, type SimFleetOptions } from '../../../src/main/sim/sim-fleet';
import { websocketAgentLink } from '../../../src/main/sim/sim-transports';
import { freePort } from '../../helpers/free-port';
import { tempDir } from '../../helpers/temp-dir';
import { launchChromium, type Page } from './browser';
import { ConsolePage } from './console-page';
import { startServe, type ServeProcess } from './serve-process';

export interface ConsoleSession {
  serve: ServeProcess;
  fleet: SimFleet;
  browser: Awaited<ReturnType<typeof launchChromium>>;
  page: Page;
  dataDir: string;
  /** The agents' endpoint IDs, e.g. proto::e2e-agent-1. */
  agentIds: string[];
  /** The console's WebSocket listener the agents dial (ws://127.0.0.1:PORT/usp). */
  agentUrl: string;
  stop(): Promise<void>;
}

export interface SessionOptions {
  /** Simulated agents dialling the console's WebSocket listener; default 1. */
  agents?: number;
  /** How many of them connect at start (the rest a test starts itself); default all. */
  connected?: number;
  /** Extra `serve` arguments. */
  serveArgs?: string[];
  /** Width × height of the browser window; default 1400 × 900. */
  viewport?: { width: number; height: number };
  /** Endpoint ID prefix of the agents; default proto::e2e-agent-. */
  idPrefix?: string;
  /** Options every agent gets, over asyncCommandMs 200. */
  agent?: SimFleetOptions['agent'];
  faults?: SimFleetOptions['faults'];
  /** Changes the fleet before any agent connects (e.g. one agent's model). */
  prepare?: (fleet: SimFleet) => void;
}

/**
 * One `usp-console serve` with a WebSocket listener, N simulated home gateways dialling it from
 * this process (so a test can take one away), and Debian's Chromium. Each e2e file starts its own.
 */
export async function startConsoleSession(options: SessionOptions = {}): Promise<ConsoleSession> {
  const port = await freePort();
  const dataDir = await tempDir();
  const serve = await startServe(['--data', dataDir, '--ws-listen', `127.0.0.1:${port}/usp`, ...(options.serveArgs ?? [])]);
  const agentUrl = `ws://127.0.0.1:${port}/usp`;
  const fleet = new SimFleet({
    count: options.agents ?? 1,
    idPrefix: options.idPrefix ?? 'proto::e2e-agent-',
    controllerId: 'self::usp-console',
    link: (endpointId) => websocketAgentLink(endpointId, agentUrl),
    agent: { asyncCommandMs: 200, ...options.agent },
    ...(options.faults ? { faults: options.faults } : {}),
  });
  options.prepare?.(fleet);
  await Promise.all(fleet.agents.slice(0, options.connected ?? fleet.agents.length).map((a) => a.start()));
  const browser = await launchChromium(options.viewport);
  return {
    serve,
    fleet,
    browser,
    page: browser.page,
    dataDir,
    agentIds: fleet.agents.map((a) => a.endpointId),
    agentUrl,
    async stop() {
      await browser.close();
      await fleet.stop();
      await serve.stop();
    },
  };
}

export interface SessionHooks extends SessionOptions {
  /** Open the printed address before the tests (default true). */
  open?: boolean;
  /** Then open the first agent's tree (default false). */
  openAgent?: boolean;
}

/**
 * The hooks every per-view file shares: one session for the describe block (started in
 * beforeAll, the page opened as asked, stopped in afterAll); `ready` hands the session and its
 * page helpers to the file.
 */
export function withConsoleSession(options: SessionHooks, ready: (s: ConsoleSession, ui: ConsolePage) => void): void {
  let session: ConsoleSession | undefined;
  beforeAll(async () => {
    session = await startConsoleSession(options);
    const ui = new ConsolePage(session.page);
    ready(session, ui);
    if (options.open ?? true) await ui.open(session.serve);
    if (options.openAgent) await ui.openAgent(session.agentIds[0]!);
  });
  afterAll(async () => {
    await session?.stop();
  });
}
