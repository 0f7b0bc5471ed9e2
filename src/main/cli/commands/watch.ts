import { NOTIF_TYPES, type NotificationEvent, type NotifType, type SubscriptionInfo, type SubscriptionSpec } from '../../controller';
import { openAgentSession, type AgentSession } from '../one-agent/agent-session';
import { checkPath } from '../one-agent/cli-args';
import { CliUsageError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { reportFailure, reportSessionError } from '../framework/report-failure';
import type { Reporter } from '../framework/reporter';
import { withTransportOptions } from '../one-agent/one-agent-command';
import { untilStopped } from '../one-agent/until-stopped';
import { parseTransportOptions } from '../transport-options';

const MAX_REQUEST_TIMEOUT_MS = 30_000;

/** `TYPE:PATH` → a subscription for us; the path must suit the NotifType. */
function subscriptionSpec(text: string): SubscriptionSpec {
  const colon = text.indexOf(':');
  const type = text.slice(0, colon);
  if (colon <= 0 || !NOTIF_TYPES.includes(type as NotifType)) {
    throw new CliUsageError(`--subscribe needs TYPE:PATH with TYPE one of ${NOTIF_TYPES.join(', ')}, not "${text}"`);
  }
  const notifType = type as NotifType;
  const path = text.slice(colon + 1);
  checkPath(path, `Subscription.ReferenceList.${notifType}`, `${notifType} path`);
  // A non-persistent subscription is gone by the time the agent sends Boot!.
  return { notifType, referenceList: [path], persistent: notifType === 'Event' && path.endsWith('Boot!') };
}

/** One JSON line per notification: when, from whom, which subscription, and the decoded Notify. */
function notificationLine(event: NotificationEvent): unknown {
  return {
    receivedAt: new Date(event.receivedAt).toISOString(),
    endpointId: event.endpointId,
    msgId: event.msgId,
    subscriptionId: event.subscriptionId,
    sendResp: event.sendResp,
    notification: event.notification,
  };
}

async function removeAll(session: AgentSession, created: SubscriptionInfo[], report: Reporter): Promise<boolean> {
  let ok = true;
  for (const s of created) {
    try {
      await session.requests.deleteSubscription(session.agentId, s.path);
      report.note(`deleted subscription ${s.path}`);
    } catch (error) {
      ok = false;
      reportFailure('watch', error, [s.path]);
    }
  }
  return ok;
}

export const watchCommand = defineCommand({
  name: 'watch',
  summary: 'print every notification of one agent as JSON lines (optionally subscribing first)',
  synopsis: '--agent EID <transport flags> [--subscribe TYPE:PATH …] [--timeout SECONDS]',
  description: `Prints every notification from the agent as one JSON line as it arrives, answering NotifyResp
where the agent asks for one. Each --subscribe first creates a Device.LocalAgent.Subscription
for us, e.g. ValueChange:Device.WiFi.SSID.1.SSID, Event:Device.Boot!, ObjectCreation:Device.WiFi.SSID.,
ObjectDeletion:Device.WiFi.SSID.*., OperationComplete:Device.IP.Diagnostics.IPPing(); they are deleted
again when the watch ends (Ctrl-C, SIGTERM, or --timeout, which here is how long to watch;
requests use at most 30 s each). Exit 0 when stopped and every subscription was deleted.`,
  options: withTransportOptions({
    subscribe: { type: 'string', multiple: true, value: 'TYPE:PATH', help: 'subscribe first (deleted again at the end)' },
  }),
  async run({ values, report }) {
    const parsed = parseTransportOptions(values);
    const specs = (values.subscribe ?? []).map(subscriptionSpec);
    const watchMs = values.timeout !== undefined ? parsed.timeoutMs : undefined;
    const settings = { ...parsed, timeoutMs: Math.min(parsed.timeoutMs, MAX_REQUEST_TIMEOUT_MS) };
    // Listen for signals from the start: a Ctrl-C while connecting still cleans up.
    const stop = untilStopped(watchMs);
    let session: AgentSession;
    try {
      session = await openAgentSession(settings, { onWarning: (m) => report.warn(m) });
    } catch (error) {
      stop.cancel();
      return reportSessionError('watch', error);
    }
    // The transport reconnects with back-off by itself; the user sees it happen (issue 9 #7).
    session.controller.on('link', (e) => report.note(`${e.transportId} link ${e.state}: ${e.reason}`));
    session.controller.on('notification', (event) => {
      if (event.endpointId === session.agentId) report.jsonLine(notificationLine(event));
    });
    const created: SubscriptionInfo[] = [];
    try {
      for (const spec of specs) {
        const info = await session.requests.createSubscription(session.agentId, spec);
        created.push(info);
        report.note(`subscribed ${info.path} (${info.notifType} ${info.referenceList.join(',')}, ID ${info.id})`);
      }
      report.note(`watching ${session.agentId}; Ctrl-C to stop`);
      const reason = await stop.stopped;
      report.note(`stopping (${reason})`);
      return (await removeAll(session, created, report)) ? EXIT.ok : EXIT.failed;
    } catch (error) {
      const code = reportFailure('watch', error);
      await removeAll(session, created, report);
      return code;
    } finally {
      stop.cancel();
      await session.close();
    }
  },
});
