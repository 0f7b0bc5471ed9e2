import type { CliCommand } from '../command';
import { NOTIF_TYPES, type NotificationEvent, type NotifType, type SubscriptionInfo, type SubscriptionSpec } from '../../controller';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { checkPath } from '../one-agent/cli-args';
import { EXIT, reportError, reportSessionError } from '../one-agent/cli-failures';
import { parseOneAgentArgs } from '../one-agent/one-agent-command';
import { untilStopped } from '../one-agent/until-stopped';
import { CliUsageError, TRANSPORT_USAGE } from '../transport-options';
import { printable } from '../../../shared/endpoint-id';

const USAGE = `usage: usp-console watch --agent EID <transport flags> [--subscribe TYPE:PATH …] [--timeout SECONDS]

Prints every notification from the agent as one JSON line as it arrives, answering NotifyResp
where the agent asks for one. Each --subscribe first creates a Device.LocalAgent.Subscription
for us, e.g. ValueChange:Device.WiFi.SSID.1.SSID, Event:Device.Boot!, ObjectCreation:Device.WiFi.SSID.,
ObjectDeletion:Device.WiFi.SSID.*., OperationComplete:Device.IP.Diagnostics.IPPing(); they are deleted
again when the watch ends (Ctrl-C, SIGTERM, or --timeout, which here is how long to watch;
requests use at most 30 s each).

${TRANSPORT_USAGE}`;

const MAX_REQUEST_TIMEOUT_MS = 30_000;

/** `TYPE:PATH` → a subscription for us; the path must suit the NotifType (messages.md §8.3). */
function subscriptionSpec(text: string): SubscriptionSpec {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  if (colon <= 0 || !NOTIF_TYPES.includes(type as NotifType)) {
    throw new CliUsageError(`--subscribe needs TYPE:PATH with TYPE one of ${NOTIF_TYPES.join(', ')}, not "${text}"`);
  }
  const notifType = type as NotifType;
  const path = text.slice(colon + 1);
  checkPath(path, `Subscription.ReferenceList.${notifType}`, `${notifType} path`);
  // A non-persistent subscription is gone by the time the agent sends Boot! (agent-behaviour.md §4).
  return { notifType, referenceList: [path], persistent: notifType === 'Event' && path.endsWith('Boot!') };
}

/** One JSON line per notification: when, from whom, which subscription, and the decoded Notify. */
function notificationLine(event: NotificationEvent): string {
  return JSON.stringify({
    receivedAt: new Date(event.receivedAt).toISOString(),
    endpointId: event.endpointId,
    msgId: event.msgId,
    subscriptionId: event.subscriptionId,
    sendResp: event.sendResp,
    notification: event.notification,
  });
}

async function removeAll(session: AgentSession, created: SubscriptionInfo[]): Promise<boolean> {
  let ok = true;
  for (const s of created) {
    try {
      await session.controller.deleteSubscription(session.agentId, s.path);
      process.stderr.write(`usp-console watch: deleted subscription ${s.path}\n`);
    } catch (error) {
      ok = false;
      reportError('watch', error, [s.path]);
    }
  }
  return ok;
}

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: 'print every notification of one agent as JSON lines (optionally subscribing first)',
  async run(argv) {
    let settings;
    let specs: SubscriptionSpec[];
    let watchMs: number | undefined;
    try {
      const parsed = parseOneAgentArgs(argv, { subscribe: { type: 'string', multiple: true } });
      if (parsed === 'help') {
        process.stdout.write(`${USAGE}\n`);
        return EXIT.ok;
      }
      if (parsed.positionals.length > 0) throw new CliUsageError(`watch takes no arguments, not "${parsed.positionals.join(' ')}"`);
      const subscribe = parsed.values.subscribe;
      specs = (Array.isArray(subscribe) ? subscribe : []).map((s) => subscriptionSpec(String(s)));
      watchMs = typeof parsed.values.timeout === 'string' ? parsed.settings.timeoutMs : undefined;
      settings = { ...parsed.settings, timeoutMs: Math.min(parsed.settings.timeoutMs, MAX_REQUEST_TIMEOUT_MS) };
    } catch (error) {
      return reportError('watch', error);
    }
    // Listen for signals from the start: a Ctrl-C while connecting still cleans up.
    const stop = untilStopped(watchMs);
    let session: AgentSession;
    try {
      session = await openAgentSession(settings, { onWarning: (m) => process.stderr.write(`usp-console watch: warning: ${printable(m, 2_000)}\n`) });
    } catch (error) {
      stop.cancel();
      return reportSessionError('watch', error);
    }
    // The transport reconnects with back-off by itself; the user sees it happen (issue 9 #7).
    session.controller.on('link', (e) => process.stderr.write(`usp-console watch: ${e.transportId} link ${e.state}: ${e.reason}\n`));
    session.controller.on('notification', (event) => {
      if (event.endpointId === session.agentId) process.stdout.write(`${notificationLine(event)}\n`);
    });
    const created: SubscriptionInfo[] = [];
    try {
      for (const spec of specs) {
        const info = await session.controller.createSubscription(session.agentId, spec);
        created.push(info);
        process.stderr.write(`usp-console watch: subscribed ${info.path} (${info.notifType} ${info.referenceList.join(',')}, ID ${info.id})\n`);
      }
      process.stderr.write(`usp-console watch: watching ${session.agentId}; Ctrl-C to stop\n`);
      const reason = await stop.stopped;
      process.stderr.write(`usp-console watch: stopping (${reason})\n`);
      return (await removeAll(session, created)) ? EXIT.ok : EXIT.uspError;
    } catch (error) {
      const code = reportError('watch', error);
      await removeAll(session, created);
      return code;
    } finally {
      stop.cancel();
      await session.close();
    }
  },
};
