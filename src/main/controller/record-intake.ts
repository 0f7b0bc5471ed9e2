import type { InboundRecord, MtpAddress, Transport } from '../mtp/transport';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { recordKind } from '../usp/record';
import { USP_ERR_MESSAGE_NOT_SUPPORTED } from '../../shared/usp-error-codes';
import { isConnectionOriented, sameAddress } from './agent-registry';
import type { ConnectionGuard } from './connection-guard';
import { warnAgent, type ControllerParts } from './controller-parts';
import { classifyInbound } from './inbound';
import { addressWords, heardReason, mtpName } from './presence-words';
import { certificateRefusal, type LinkSecurity } from './link-security';
import type { NotificationIntake } from './notifications';
import type { OperationTracker } from './operations';
import type { Outbound } from './outbound';
import { inboundTrace } from './trace';

export interface RecordIntakeDeps {
  outbound: Outbound;
  guard: ConnectionGuard;
  security: LinkSecurity;
  notifications: NotificationIntake;
  operations: OperationTracker;
  /** Settings' approval mode: an agent first seen now is accepted (true) or held. */
  acceptUnknownAgents(): boolean;
  /** Agents contacted in this session (for GetSupportedProtocol at first contact). */
  contacted: ReadonlySet<string>;
  firstContact(endpointId: string): void;
  /** An MQTT or STOMP Connect Record: the agent has just (re)subscribed on that transport. */
  announced(endpointId: string, transportId: string, at: number): void;
}

/**
 * Every inbound Record: checked (to_id, certificate, connection binding), traced, taken as a sign
 * of presence, unwrapped from its session context, then dispatched: Notify to the notification
 * intake, responses to the request waiting for them, anything else answered with an Error.
 */
export class RecordIntake {
  /** Broker reply addresses being confirmed, "endpointId\0transportId\0target" (issue 9 #2). */
  private readonly redirects = new Set<string>();

  constructor(
    private readonly parts: ControllerParts,
    private readonly deps: RecordIntakeDeps,
  ) {}

  onRecord(transport: Transport, inbound: InboundRecord): void {
    try {
      this.intake(transport, inbound);
    } catch (error) {
      // Whatever one agent sends must never take the controller down for the others.
      this.dropped(transport.id, null, inbound, `failed to process: ${error instanceof Error ? error.message : String(error)}`, false);
    }
  }

  /** A Record the ConnectionGuard refused. */
  refused(transport: Transport, inbound: InboundRecord, endpointId: string, reason: string): void {
    this.traceIn(transport.id, inbound, endpointId, null, { error: `dropped: ${reason}` });
    this.dropped(transport.id, endpointId, inbound, reason, false);
  }

  private intake(transport: Transport, inbound: InboundRecord): void {
    const { registry, events, sessions } = this.parts;
    const { outbound } = this.deps;
    const at = this.parts.clock();
    const result = classifyInbound(inbound.bytes, this.parts.endpointId, inbound.peerEndpointId);
    if (!result.ok) {
      this.traceIn(transport.id, inbound, result.endpointId ?? '', null, { error: `dropped: ${result.reason}` });
      const answerable = result.errorReply !== null && result.endpointId !== null && registry.status(result.endpointId) === 'accepted';
      if (answerable && result.errorReply && result.endpointId) {
        const { msgId, errCode, errMsg } = result.errorReply;
        void outbound.reply(result.endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode, errMsg }));
      }
      this.dropped(transport.id, result.endpointId, inbound, result.reason, answerable);
      return;
    }
    const { record, msg, endpointId } = result;
    const refusal = certificateRefusal(inbound, endpointId);
    if (refusal !== null) {
      // R-SEC.10a: not processed at all; the agent shows why (agent details) and the log says so.
      this.traceIn(transport.id, inbound, endpointId, result, { error: `dropped: ${refusal}` });
      this.deps.security.refused(endpointId, { at, transportId: transport.id, reason: refusal });
      events.emit('warning', { at, endpointId, transportId: transport.id, message: `refused a Record: ${refusal}` });
      this.dropped(transport.id, endpointId, inbound, refusal, false);
      return;
    }
    // One WebSocket/UDS connection speaks for one agent (R-WS.4); see ConnectionGuard.
    if (inbound.replyTo && isConnectionOriented(inbound.replyTo) && !this.deps.guard.admit(transport, inbound.replyTo, endpointId, inbound)) return;
    const pendingReply = msg ? this.parts.pending.peek(endpointId, msg.header?.msg_id ?? '') : undefined;
    // A session Record is traced once unwrapped, with the Msg it completes (receiveInSession).
    const inSession = record.record_type === 'session_context';
    if (!inSession) this.traceIn(transport.id, inbound, endpointId, result, pendingReply ? { latencyMs: at - pendingReply.sentAt } : undefined);

    if (registry.ensure(endpointId, this.deps.acceptUnknownAgents() ? 'accepted' : 'held', at)) {
      const info = registry.get(endpointId);
      if (info) events.emit('agentSeen', info);
      if (info?.status === 'held') events.emit('agentHeld', info);
    }
    const kind = recordKind(record) ?? 'no_session_context';
    const from = this.addressFrom(transport, record, inbound);
    const over = from ?? inbound.replyTo;
    this.heardOver(endpointId, from, at, heardReason(kind, msg, over ? addressWords(this.parts, over) : mtpName(transport.kind)));
    if (kind === 'mqtt_connect' || kind === 'stomp_connect') this.deps.announced(endpointId, transport.id, at);
    this.deps.security.heard(endpointId, transport.id, inbound.tls);

    const status = registry.status(endpointId);
    if (status !== 'accepted') {
      if (inSession) this.traceIn(transport.id, inbound, endpointId, result);
      this.dropped(transport.id, endpointId, inbound, status === 'held' ? 'agent held for approval' : 'agent rejected', false);
      return;
    }
    if (kind === 'disconnect') {
      const reason = `DisconnectRecord ${record.disconnect?.reason_code ?? 0}: ${record.disconnect?.reason ?? ''}`;
      // R-E2E.6a: 7106 refuses session contexts but keeps the MTP; what was sent in one goes unanswered.
      if (sessions.disconnected(endpointId, record.disconnect?.reason_code ?? 0, record.disconnect?.reason ?? '')) {
        outbound.failPendingOn((a) => a.transportId === transport.id, `agent sent ${reason}`, endpointId);
      } else if (inbound.replyTo) {
        registry.addressClosed(endpointId, inbound.replyTo, reason, at);
        const closed = inbound.replyTo;
        outbound.failPendingOn((a) => sameAddress(a, closed), `agent sent ${reason}`);
      }
      return;
    }
    if (!this.deps.contacted.has(endpointId) || kind.endsWith('_connect')) this.deps.firstContact(endpointId);
    if (inSession) this.receiveInSession(transport, inbound, endpointId, record);
    else if (msg) this.dispatch(transport, inbound, endpointId, msg);
  }

  /** A session_context Record: sequencing and reassembly (e2e-sessions.ts), then the Msgs it completed. */
  private receiveInSession(transport: Transport, inbound: InboundRecord, endpointId: string, record: usp_record.Record): void {
    const intake = this.parts.sessions.receive(endpointId, record.session_context ?? {});
    const last = intake.msgs[intake.msgs.length - 1] ?? null;
    const pendingReply = last ? this.parts.pending.peek(endpointId, last.header?.msg_id ?? '') : undefined;
    this.traceIn(transport.id, inbound, endpointId, { record, msg: last }, pendingReply ? { latencyMs: this.parts.clock() - pendingReply.sentAt } : undefined);
    for (const reason of intake.undecodable) this.dropped(transport.id, endpointId, inbound, `undecodable Msg in a session context: ${reason}`, false);
    this.deps.outbound.sendSessionRecords(endpointId, inbound.replyTo, intake);
    for (const msg of intake.msgs) this.dispatch(transport, inbound, endpointId, msg);
  }

  /**
   * Presence and address from an inbound Record. A broker topic/destination other than the one a
   * known agent uses is not taken on the Record's word (a spoofed MQTT Connect Record would
   * redirect the agent's traffic): it replaces the old one only once a request sent there is
   * answered by that agent (issue 9 #2). On MQTT, broker ACLs are what really separates agents.
   */
  private heardOver(endpointId: string, address: MtpAddress | null, at: number, reason: string): void {
    const { registry } = this.parts;
    const current = address && !isConnectionOriented(address) ? registry.addressOn(endpointId, address.transportId) : undefined;
    if (!address || !current || sameAddress(current, address)) {
      registry.heardFrom(endpointId, address, at, reason);
      return;
    }
    registry.heardFrom(endpointId, null, at, reason);
    if (registry.status(endpointId) === 'accepted') this.confirmRedirect(endpointId, current, address);
  }

  private confirmRedirect(endpointId: string, current: MtpAddress, proposed: MtpAddress): void {
    const key = `${endpointId}\u0000${proposed.transportId}\u0000${proposed.target}`;
    // One confirmation per proposed address at a time; an agent has one address per transport, so this stays small.
    if (this.redirects.has(key) || this.redirects.size >= 1024) return;
    this.redirects.add(key);
    const warn = (message: string): void => warnAgent(this.parts, endpointId, proposed.transportId, message);
    warn(`a Record names a new reply address "${proposed.target}" (now "${current.target}"): asking the agent there before using it`);
    const timeoutMs = Math.min(this.parts.requestTimeoutMs, 10_000);
    this.deps.outbound
      .exchange(endpointId, (id) => m.buildGetSupportedProtocol(id), timeoutMs, [proposed])
      .then(
        () => {
          this.parts.registry.learnAddress(endpointId, proposed, this.parts.clock(), true, `reply address changed to ${proposed.target} (confirmed)`);
          warn(`reply address changed from "${current.target}" to "${proposed.target}": the agent answered there`);
        },
        (error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          warn(`kept reply address "${current.target}": nothing answered as this agent on "${proposed.target}" (${why})`);
        },
      )
      .finally(() => this.redirects.delete(key));
  }

  /** The address to reach the agent: a Connect Record names its topic/destination, else the way the Record came. */
  private addressFrom(transport: Transport, record: usp_record.Record, inbound: InboundRecord): MtpAddress | null {
    const topic = record.mqtt_connect?.subscribed_topic || record.stomp_connect?.subscribed_destination;
    if (topic && (transport.kind === 'mqtt' || transport.kind === 'stomp')) return transport.addressFor(topic);
    return inbound.replyTo;
  }

  private dispatch(transport: Transport, inbound: InboundRecord, endpointId: string, msg: usp.Msg): void {
    const { outbound } = this.deps;
    const kind = m.messageKind(msg);
    const msgId = msg.header?.msg_id ?? '';
    if (kind === 'notify') {
      const outcome = this.deps.notifications.accept(endpointId, msg, transport.id, inbound.receivedAt);
      if (outcome.respond) void outbound.reply(endpointId, inbound.replyTo, m.buildNotifyResp(outcome.respond.msgId, outcome.respond.subscriptionId));
      if (!outcome.event) return;
      const n = outcome.event.notification;
      if (n.kind === 'on_board_req') this.parts.registry.setProtocolVersions(endpointId, m.splitVersions(n.agentSupportedProtocolVersions));
      this.deps.operations.onNotification(outcome.event);
      this.parts.events.emit('notification', outcome.event);
      return;
    }
    if (kind === 'error' || (kind !== undefined && kind.endsWith('_resp'))) {
      // R-MSG.9: a response matching no outstanding request of that agent is ignored.
      if (!this.parts.pending.resolve(endpointId, msgId, msg)) this.dropped(transport.id, endpointId, inbound, `no request ${msgId} pending for this agent`, false);
      return;
    }
    // Agents have no business sending Get/Set/... to a controller; Register needs a Broker.
    void outbound.reply(endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode: USP_ERR_MESSAGE_NOT_SUPPORTED, errMsg: `${kind} is not supported by this controller` }));
    this.dropped(transport.id, endpointId, inbound, `unsupported message ${kind}`, true);
  }

  private dropped(transportId: string, endpointId: string | null, inbound: InboundRecord, reason: string, answered: boolean): void {
    this.parts.events.emit('recordDropped', { at: this.parts.clock(), transportId, endpointId, reason, size: inbound.bytes.length, answered });
  }

  private traceIn(transportId: string, inbound: InboundRecord, endpointId: string, parsed: { record: usp_record.Record; msg: usp.Msg | null } | null, note?: { error?: string; latencyMs?: number }): void {
    const { events } = this.parts;
    if (events.listenerCount('trace') > 0) events.emit('trace', inboundTrace(transportId, inbound, endpointId, parsed, note));
  }
}
