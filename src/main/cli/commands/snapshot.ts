import { UspErrorResponse } from '../../controller';
import { EventHub } from '../../services/event-hub';
import { exportSnapshotToFile } from '../../services/snapshots/export-snapshot';
import { uspSnapshotReader } from '../../services/snapshots/snapshot-reader';
import { SnapshotService } from '../../services/snapshots/snapshot-service';
import { UspClient } from '../../services/usp-client';
import type { Store } from '../../store/store';
import type { CliCommand } from '../command';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { codeAndName, EXIT, reportError, reportSessionError } from '../one-agent/cli-failures';
import { parseOneAgentArgs } from '../one-agent/one-agent-command';
import { progressBar } from '../one-agent/progress-bar';
import { CliUsageError, TRANSPORT_USAGE } from '../transport-options';
import { APP_VERSION, openStore } from './store-cli';

const USAGE = `usage: usp-console snapshot --agent EID <transport flags> [--label L] [--out FILE] [--data DIR]

Captures the agent's whole state (GetSupportedDM, GetInstances and Gets of Device., chunked for
large models) into the local store and prints the stored snapshot's summary as JSON, with the
paths the agent would not give. A progress bar goes to stderr when it is a terminal.
--out FILE also exports it as the portable JSON format (secrets redacted).
--data DIR selects the data folder (default $XDG_DATA_HOME/usp-console or ~/.local/share/usp-console).

${TRANSPORT_USAGE}`;

/** The agent's USP versions for the snapshot's identity; an agent that refuses to say is still captured. */
async function uspVersions(session: AgentSession): Promise<string[]> {
  try {
    return (await session.controller.getSupportedProtocol(session.agentId)).versions;
  } catch (error) {
    if (error instanceof UspErrorResponse) return [];
    throw error;
  }
}

async function capture(session: AgentSession, store: Store, label: string | undefined, out: string | undefined): Promise<number> {
  const bar = progressBar(process.stderr);
  // Through UspClient, as in the console: what the capture reads also lands in the offline cache.
  const hub = new EventHub();
  try {
    const versions = await uspVersions(session);
    const { meta, failures } = await new SnapshotService(store).capture(uspSnapshotReader(new UspClient(session.controller, store, hub), session.agentId), session.agentId, {
      agent: { uspVersions: versions },
      onProgress: (p) => bar.update(p),
      ...(label !== undefined ? { label } : {}),
    });
    bar.done();
    let exported: { file: string; values: number; redacted: number } | undefined;
    if (out !== undefined) {
      const summary = await exportSnapshotToFile(store, meta.id, out, 'json', { generator: `usp-console ${APP_VERSION}` });
      exported = { file: out, ...summary };
    }
    const failed = failures.map((f) => ({ path: f.path, errCode: f.errCode, error: codeAndName(f.errCode) }));
    process.stdout.write(`${JSON.stringify({ ...meta, failures: failed, ...(exported ? { exported } : {}) }, null, 2)}\n`);
    return EXIT.ok;
  } finally {
    bar.done();
    hub.close();
  }
}

export const snapshotCommand: CliCommand = {
  name: 'snapshot',
  summary: "capture one agent's whole state into the local store (and a JSON file)",
  async run(argv) {
    let parsed;
    try {
      parsed = parseOneAgentArgs(argv, { out: { type: 'string' }, data: { type: 'string' }, label: { type: 'string' } });
      if (parsed === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
      }
      if (parsed.positionals.length > 0) throw new CliUsageError(`snapshot takes no arguments, not "${parsed.positionals.join(' ')}"`);
    } catch (error) {
      return reportError('snapshot', error);
    }
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    let store: Store;
    try {
      store = openStore(str(parsed.values.data));
    } catch (error) {
      return reportError('snapshot', error);
    }
    try {
      let session: AgentSession;
      try {
        session = await openAgentSession(parsed.settings, { onWarning: (m) => process.stderr.write(`usp-console snapshot: warning: ${m}\n`) });
      } catch (error) {
        return reportSessionError('snapshot', error);
      }
      try {
        return await capture(session, store, str(parsed.values.label), str(parsed.values.out));
      } catch (error) {
        return reportError('snapshot', error, ['Device.']);
      } finally {
        await session.close();
      }
    } finally {
      store.close();
    }
  },
};
