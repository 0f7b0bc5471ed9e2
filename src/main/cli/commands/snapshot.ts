import { UspErrorResponse } from '../../controller';
import { EventHub } from '../../services/event-hub';
import { exportSnapshotToFile } from '../../services/snapshots/export-snapshot';
import { uspSnapshotReader } from '../../services/snapshots/snapshot-reader';
import { SnapshotService } from '../../services/snapshots/snapshot-service';
import { UspClient } from '../../services/usp-client';
import type { Store } from '../../store/store';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { codeAndName, reportFailure, reportSessionError } from '../framework/report-failure';
import { reporter } from '../framework/reporter';
import { withTransportOptions } from '../one-agent/one-agent-command';
import { progressBar } from '../one-agent/progress-bar';
import { parseTransportOptions } from '../transport-options';
import { APP_VERSION, dataOption, openStore } from './store-cli';

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
    const { meta, failures } = await new SnapshotService(store).capture(uspSnapshotReader(new UspClient(session.requests, store, hub), session.agentId), session.agentId, {
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
    reporter('snapshot').json({ ...meta, failures: failed, ...(exported ? { exported } : {}) });
    return EXIT.ok;
  } finally {
    bar.done();
    hub.close();
  }
}

export const snapshotCommand = defineCommand({
  name: 'snapshot',
  summary: "capture one agent's whole state into the local store (and a JSON file)",
  synopsis: '--agent EID <transport flags> [--label L] [--out FILE] [--data DIR]',
  description: `Captures the agent's whole state (GetSupportedDM, GetInstances and Gets of Device., chunked for
large models) into the local store and prints the stored snapshot's summary as JSON (its "id" is
what export and diff take), with the paths the agent would not give. A progress bar goes to
stderr when it is a terminal.`,
  options: withTransportOptions({
    label: { type: 'string', value: 'TEXT', help: 'a label stored with the snapshot' },
    out: { type: 'string', value: 'FILE', help: 'also export it to FILE in the portable JSON format (secrets redacted)' },
    ...dataOption,
  }),
  async run({ values }) {
    const settings = parseTransportOptions(values);
    // The data folder is checked before connecting: a capture that cannot be stored is not started.
    const store = openStore(values.data);
    try {
      let session: AgentSession;
      try {
        session = await openAgentSession(settings, { onWarning: (m) => reporter('snapshot').warn(m) });
      } catch (error) {
        return reportSessionError('snapshot', error);
      }
      try {
        return await capture(session, store, values.label, values.out);
      } catch (error) {
        return reportFailure('snapshot', error, ['Device.']);
      } finally {
        await session.close();
      }
    } finally {
      store.close();
    }
  },
});
