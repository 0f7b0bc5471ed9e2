import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import type { InboundRecord, LinkState, MtpAddress, Transport } from '../mtp/transport';
import type { TlsLinkState } from '../../shared/model/tls';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { buildMsgRecord, recordKind } from '../usp/record';
import { AgentRegistry, isConnectionOriented, sameAddress, type AgentInfo, type RestoredAgent } from './agent-registry';
import { BrokerOutages } from './broker-outages';
import { ConnectionGuard } from './connection-guard';
import { AgentNotApprovedError, AgentUnreachableError } from './errors';
import type { ControllerEvents } from './events';
import { classifyInbound } from './inbound';
import { certificateRefusal, LinkSecurity, type CertificateRefusal } from './link-security';
import { InFlightLimiter } from './in-flight-limiter';
import { NotificationIntake } from './notifications';
import { OperationTracker } from './operations';
import { PendingRequests, type PendingRequest } from './pending-requests';
import { PresenceProber, type PresenceProberOptions } from './presence-prober';
import { inboundTrace, outboundTrace, summarizeMsg } from './trace';
import { attach } from './transport-listeners';
import { USP_ERR_MESSAGE_NOT_SUPPORTED } from '../../shared/usp-error-codes';
import { E2ESessions, type E2ESessionSetting, type E2ESessionState } from './e2e-sessions';

export interface ControllerOptions {
  /** Our own Endpoint ID: Records to any other to_id are dropped (R-E2E.1). */
  endpointId: string;
  transports?: Transport[];
  /** Default time to wait for a response, per request. */
  requestTimeoutMs?: number;
  /** Requests in flight per agent; more wait in a FIFO queue. */
  maxInFlightPerAgent?: number;
  /** true: an unknown agent is accepted on first contact; false: held until approveAgent/rejectAgent. */
  acceptUnknownAgents?: boolean;
  /** Send GetSupportedProtocol on first contact and on every Connect Record (default true). */
  queryProtocolOnContact?: boolean;
  /** Timestamps; timers are real. */
  clock?: () => number;
  /** How long a connection holding an agent's Endpoint ID has to answer a Ping before another may take over (issue 9 #1); default 5000. */
  takeoverProbeMs?: number;
  /** Back-off of the probes of broker agents whose presence is in doubt (issue 9 #6). */
  presenceProbe?: PresenceProberOptions;
}

export interface RequestOptions {
  timeoutMs?: number;
}

/**
 * The machinery of the USP Controller: transports, the agent registry and presence, requests
 * matched to responses with timeouts and a per-agent in-flight limit, and the intake of every
 * inbound Record. Controller (controller.ts) adds the typed USP operations on top.
 */
export class ControllerCore extends EventEmitter<ControllerEvents> {
  readonly endpointId: string;
  readonly requestTimeoutMs: number;
  private acceptUnknownAgents: boolean;
  private readonly queryProtocolOnContact: boolean;
  protected readonly clock: () => number;
  private readonly transports = new Map<string, { transport: Transport; detach: () => void }>();
  private readonly registry: AgentRegistry;
  private readonly pending = new PendingRequests();
  private readonly limiter: InFlightLimiter;
  private readonly notifications = new NotificationIntake();
  protected readonly operations = new OperationTracker();
  /** Agents contacted in this session (for GetSupportedProtocol at first contact). */
  private readonly contacted = new Set<string>();
  private readonly outages = new BrokerOutages();
  private readonly security = new LinkSecurity();
  private readonly guard: ConnectionGuard;
  /** Broker reply addresses being confirmed, "endpointId\0transportId\0target" (issue 9 #2). */
  private readonly redirects = new Set<string>();
  private readonly prober: PresenceProber;
  /** When each transport's link last came up: timeouts of requests sent right after are retried before judging. */
  private readonly linkUpAt = new Map<string, number>();
  private readonly msgIdPrefix = `uc-${randomBytes(4).toString('hex')}`;
  private msgCounter = 0;
  private readonly sessions: E2ESessions;
  /** Retransmit requests for session Records still missing (e2e-sessions.ts). */
  private readonly sessionTimer: NodeJS.Timeout;

  constructor(options: ControllerOptions) {
    super();
    if (!options.endpointId) throw new Error('the controller needs its own Endpoint ID');
    this.endpointId = options.endpointId;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.acceptUnknownAgents = options.acceptUnknownAgents ?? true;
    this.queryProtocolOnContact = options.queryProtocolOnContact ?? true;
    this.clock = options.clock ?? Date.now;
    this.limiter = new InFlightLimiter(options.maxInFlightPerAgent ?? 16);
    this.registry = new AgentRegistry({
      presenceChanged: (change) => this.emit('presenceChanged', change),
      agentUpdated: (agent) => this.emit('agentUpdated', agent),
    });
    this.guard = new ConnectionGuard(
      {
        registry: this.registry,
        clock: () => this.clock(),
        warnAgent: (endpointId, transportId, message) => this.warnAgent(endpointId, transportId, message),
        refuse: (transport, inbound, endpointId, reason) => {
          this.traceIn(transport.id, inbound, endpointId, null, { error: `dropped: ${reason}` });
          this.dropped(transport.id, endpointId, inbound, reason, false);
        },
        replay: (transport, inbound) => this.onRecord(transport, inbound),
        attached: (transportId) => this.transports.has(transportId),
      },
      options.takeoverProbeMs ?? 5_000,
    );
    this.prober = new PresenceProber(
      (endpointId) => this.queryProtocolVersions(endpointId).then(
        () => true,
        () => false,
      ),
      (endpointId) => this.registry.status(endpointId) === 'accepted' && this.registry.get(endpointId)?.online === false && this.routesFor(endpointId).length > 0,
      options.presenceProbe,
    );
    for (const transport of options.transports ?? []) this.addTransport(transport);
    this.sessions = new E2ESessions(this.endpointId, this.clock);
    this.sessionTimer = setInterval(() => this.sessionTick(), 500);
    this.sessionTimer.unref();
  }

  // ---- transports -------------------------------------------------------------------------

  addTransport(transport: Transport): void {
    if (this.transports.has(transport.id)) throw new Error(`transport ${transport.id} is already attached`);
    const detach = attach(transport, {
      record: (inbound) => this.onRecord(transport, inbound),
      peerOpened: (address, endpointId) => this.onPeerOpened(transport, address, endpointId),
      peerClosed: (address, reason) => this.onPeerClosed(address, reason),
      link: (state, reason) => this.onLink(transport, state, reason),
      warning: (message) => this.emit('warning', { at: this.clock(), message, transportId: transport.id }),
    });
    this.transports.set(transport.id, { transport, detach });
    this.registry.linkChanged(transport.id, transport.linkState, 'transport attached', this.clock());
    if (transport.linkState === 'up') this.probeDoubtful(transport.id, []);
  }

  /** Detaches a transport (it is not stopped); requests in flight over it fail. */
  removeTransport(transportId: string): void {
    const attached = this.transports.get(transportId);
    if (!attached) return;
    attached.detach();
    this.transports.delete(transportId);
    this.registry.forgetTransport(transportId, 'transport removed', this.clock());
    this.outages.forget(transportId);
    this.failPendingOn((a) => a.transportId === transportId, 'transport removed');
  }

  /** Detaches every transport and fails everything pending or queued. */
  close(): void {
    clearInterval(this.sessionTimer);
    this.prober.cancelAll();
    for (const id of [...this.transports.keys()]) this.removeTransport(id);
    this.limiter.cancelAll((endpointId) => new AgentUnreachableError(endpointId, 'controller closed'));
    this.pending.rejectWhere(
      () => true,
      (r) => new AgentUnreachableError(r.endpointId, 'controller closed'),
    );
    this.operations.cancelAll('controller closed');
  }

  // ---- agents -----------------------------------------------------------------------------

  knownAgents(): AgentInfo[] {
    return this.registry.list();
  }

  agent(endpointId: string): AgentInfo | undefined {
    return this.registry.get(endpointId);
  }

  /** The TLS state of the agent's links (by transport id) and its last certificate refusal. */
  linkSecurity(endpointId: string): { links: Map<string, TlsLinkState>; lastRefusal: CertificateRefusal | null } {
    return { links: this.security.links(endpointId), lastRefusal: this.security.lastRefusal(endpointId) };
  }

  /** Loads a persisted registry (with addresses) at start; agents stay offline until heard from or answering a probe. */
  restoreAgents(agents: RestoredAgent[]): void {
    this.registry.restore(agents, this.clock());
    // Broker agents give no sign of their own until they send something: ask them (issue 9 #6).
    for (const { transport } of this.transports.values()) if (transport.linkState === 'up') this.probeDoubtful(transport.id, []);
  }

  /**
   * An agent known out of band (provisioning, CLI flags such as --agent-topic), accepted at once.
   * With an address the controller can send to it before hearing from it; a
   * WebSocket/UDS client address counts as open while its transport's link is up.
   */
  addAgent(endpointId: string, address?: MtpAddress): AgentInfo {
    const at = this.clock();
    if (this.registry.ensure(endpointId, 'accepted', at)) {
      const info = this.registry.get(endpointId);
      if (info) this.emit('agentSeen', info);
    } else this.registry.setStatus(endpointId, 'accepted');
    if (address) {
      const link = this.transports.get(address.transportId)?.transport.linkState;
      this.registry.learnAddress(endpointId, address, at, isConnectionOriented(address) && link === 'up', 'address configured');
    }
    const info = this.registry.get(endpointId);
    if (!info) throw new Error(`agent ${endpointId} vanished from the registry`);
    return info;
  }

  /** Settings' approval mode, applied when saved: agents first seen from now on are accepted or held. */
  setAcceptUnknownAgents(accept: boolean): void {
    this.acceptUnknownAgents = accept;
  }

  approveAgent(endpointId: string): void {
    if (this.registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    this.registry.setStatus(endpointId, 'accepted');
    if (this.registry.routes(endpointId).length > 0) this.firstContact(endpointId);
  }

  /**
   * Removes an agent from the registry; its pending and queued requests fail and its open
   * WebSocket/UDS connections are closed, so that nothing it had in flight brings it back at once.
   * False when unknown.
   */
  forgetAgent(endpointId: string): boolean {
    const open = (this.registry.get(endpointId)?.addresses ?? []).filter((a) => a.open && isConnectionOriented(a.address));
    if (!this.registry.remove(endpointId)) return false;
    this.prober.cancel(endpointId);
    for (const { address } of open) this.transports.get(address.transportId)?.transport.closePeer?.(address, 'agent forgotten by the user');
    this.contacted.delete(endpointId);
    this.sessions.forget(endpointId);
    this.notifications.forget(endpointId);
    this.security.forget(endpointId);
    this.limiter.cancelQueued(endpointId, new AgentUnreachableError(endpointId, 'agent removed'));
    this.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentUnreachableError(endpointId, 'agent removed'),
    );
    return true;
  }

  rejectAgent(endpointId: string): void {
    if (this.registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    this.registry.setStatus(endpointId, 'rejected');
    this.prober.cancel(endpointId);
    this.limiter.cancelQueued(endpointId, new AgentNotApprovedError(endpointId, 'rejected'));
    this.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentNotApprovedError(endpointId, 'rejected'),
    );
  }

  // ---- E2E session context ---------------------------------------------------------------

  /** The per-agent "use E2E session" setting and the current context. */
  e2eSession(endpointId: string): E2ESessionState {
    return this.sessions.state(endpointId);
  }

  /** Turns session contexts on or off for an agent; throws RangeError for a maxRecordSize below the header size. */
  setE2ESession(endpointId: string, setting: E2ESessionSetting): void {
    this.sessions.configure(endpointId, setting);
  }

  // ---- requests ---------------------------------------------------------------------------

  /**
   * Sends one request and resolves with the agent's response Msg. Rejects with
   * RequestTimeoutError, AgentUnreachableError, AgentNotApprovedError, or UspErrorResponse when
   * the agent answered with an Error message.
   */
  request(endpointId: string, build: (msgId: string) => usp.IMsg, options: RequestOptions = {}): Promise<usp.Msg> {
    const status = this.registry.status(endpointId);
    if (status === undefined) return Promise.reject(new AgentUnreachableError(endpointId, 'unknown agent'));
    if (status !== 'accepted') return Promise.reject(new AgentNotApprovedError(endpointId, status));
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return this.limiter.run(endpointId, () => this.exchange(endpointId, build, timeoutMs));
  }

  /** GetSupportedProtocol; the versions are remembered in the registry. */
  protected async queryProtocolVersions(endpointId: string, options?: RequestOptions): Promise<m.GetSupportedProtocolResult> {
    const result = m.parseGetSupportedProtocolResp(await this.request(endpointId, (id) => m.buildGetSupportedProtocol(id), options));
    this.registry.setProtocolVersions(endpointId, result.versions);
    return result;
  }

  private nextMsgId(): string {
    return `${this.msgIdPrefix}-${++this.msgCounter}`;
  }

  private async exchange(endpointId: string, build: (msgId: string) => usp.IMsg, timeoutMs: number, routes = this.routesFor(endpointId)): Promise<usp.Msg> {
    if (routes.length === 0) throw new AgentUnreachableError(endpointId, this.whyUnreachable(endpointId));
    const msgId = this.nextMsgId();
    const msg = build(msgId);
    // The response is matched by this msg_id; a builder that ignores it would only ever time out.
    if (msg.header?.msg_id !== msgId) throw new Error(`the request builder must use the msg_id it is given (${msgId})`);
    const records = this.recordsFor(endpointId, msg);
    const failures: string[] = [];
    for (const address of routes) {
      const request: PendingRequest = { endpointId, msgId, address, sentAt: this.clock(), timeoutMs };
      // Registered before sending: the response may arrive before send() settles.
      const answer = this.pending.add(request, (r) => this.onTimeout(r));
      answer.catch(() => {});
      const error = await this.sendAll(endpointId, address, records, msg);
      if (error === null) {
        const reply = await answer;
        if (m.messageKind(reply) === 'error') throw new m.UspErrorResponse(msgId, reply.body?.error ?? {});
        return reply;
      }
      failures.push(`${address.transportId}: ${error}`);
      this.pending.reject(endpointId, msgId, new Error(error));
    }
    throw new AgentUnreachableError(endpointId, `sending failed on every address (${failures.join('; ')})`);
  }

  private routesFor(endpointId: string): MtpAddress[] {
    return this.registry.routes(endpointId).filter((a) => this.transports.has(a.transportId));
  }

  private whyUnreachable(endpointId: string): string {
    const agent = this.registry.get(endpointId);
    if (!agent || agent.addresses.length === 0) return 'no address known for it yet';
    return agent.online ? 'no usable address' : `offline (${agent.presenceReason})`;
  }

  /** The Records carrying one Msg: one no_session_context Record, or session Records when the agent uses a context. */
  private recordsFor(endpointId: string, msg: usp.IMsg): { bytes: Uint8Array[]; session: boolean } {
    if (!this.sessions.uses(endpointId)) return { bytes: [buildMsgRecord({ toId: endpointId, fromId: this.endpointId, msg })], session: false };
    const output = this.sessions.send(endpointId, msg);
    if (output.restarted !== null) this.emit('warning', { at: this.clock(), endpointId, message: `E2E session restarted: ${output.restarted}` });
    return { bytes: output.records, session: true };
  }

  /** Sends Records in order over one address; the first failure stops it. */
  private async sendAll(endpointId: string, address: MtpAddress, records: { bytes: Uint8Array[]; session: boolean }, msg: usp.IMsg | null): Promise<string | null> {
    for (const bytes of records.bytes) {
      const error = await this.send(endpointId, address, bytes, msg, records.session);
      if (error !== null) return error;
    }
    return null;
  }

  /** Sends one Record and traces it; returns the failure text instead of throwing. */
  private async send(endpointId: string, address: MtpAddress, bytes: Uint8Array, msg: usp.IMsg | null, session = false): Promise<string | null> {
    const transport = this.transports.get(address.transportId)?.transport;
    let error: string | null = transport ? null : `transport ${address.transportId} is not attached`;
    if (transport) {
      try {
        await transport.send(address, bytes);
      } catch (e) {
        error = e instanceof Error ? e.message : String(e);
      }
    }
    if (this.listenerCount('trace') > 0) this.emit('trace', outboundTrace(this.clock(), endpointId, address, bytes, msg, error, session));
    return error;
  }

  /** Sends a reply Msg (NotifyResp, Error) back where the request came from, or to the agent's best address. */
  private async reply(endpointId: string, replyTo: MtpAddress | null, msg: usp.IMsg): Promise<void> {
    const address = replyTo ?? this.routesFor(endpointId)[0];
    if (!address) {
      this.emit('warning', { at: this.clock(), endpointId, message: `no way back to ${endpointId} for ${summarizeMsg(msg)}` });
      return;
    }
    let error: string | null;
    try {
      error = await this.sendAll(endpointId, address, this.recordsFor(endpointId, msg), msg);
    } catch (e) {
      // The session layer refuses more unacknowledged bytes (RangeError): a warning, never an unhandled rejection.
      error = e instanceof Error ? e.message : String(e);
    }
    if (error !== null) this.emit('warning', { at: this.clock(), endpointId, transportId: address.transportId, message: `reply failed: ${error}` });
  }

  private onTimeout(request: PendingRequest): void {
    // Over a broker the only sign an agent left is silence (see AgentRegistry); a connection's own
    // keep-alive decides for WebSocket/UDS.
    if (isConnectionOriented(request.address)) return;
    const { endpointId, address } = request;
    // Not evidence of absence (issue 9 #6): a request that left just after the broker link came
    // back may have reached the agent's topic before the agent re-subscribed. Ask again before judging.
    const upAt = this.linkUpAt.get(address.transportId);
    const justAfterLinkUp = upAt !== undefined && request.sentAt - upAt < Math.max(request.timeoutMs, 1_000);
    if (justAfterLinkUp) {
      this.prober.schedule(endpointId);
      return;
    }
    this.registry.addressClosed(endpointId, address, `no response to ${request.msgId} within ${request.timeoutMs} ms`, this.clock());
    // Offline by a timeout: probed again with back-off, back online when it answers.
    this.prober.retry(endpointId);
  }

  private failPendingOn(match: (address: MtpAddress) => boolean, reason: string, endpointId?: string): void {
    this.pending.rejectWhere(
      (r) => match(r.address) && (endpointId === undefined || r.endpointId === endpointId),
      (r) => new AgentUnreachableError(r.endpointId, `${reason} while waiting for the response to ${r.msgId}`),
    );
  }

  // ---- inbound ----------------------------------------------------------------------------

  private onPeerOpened(transport: Transport, address: MtpAddress, endpointId: string | undefined): void {
    // A client transport reconnecting to the same URL/socket reaches the agent it reached before.
    const known = endpointId ?? this.registry.ownerOf(address);
    if (known !== undefined && this.registry.status(known) !== undefined && this.guard.opened(transport, address, known)) {
      this.registry.heardFrom(known, address, this.clock(), 'connection opened');
    }
  }

  /** A warning the user sees on the agent, and in the log. */
  private warnAgent(endpointId: string, transportId: string, message: string): void {
    const at = this.clock();
    this.registry.warn(endpointId, message, at);
    this.emit('warning', { at, endpointId, transportId, message });
  }

  private onPeerClosed(address: MtpAddress, reason: string): void {
    this.guard.closed(address);
    this.registry.connectionClosed(address, `connection closed: ${reason}`, this.clock());
    this.failPendingOn((a) => sameAddress(a, address), `connection closed (${reason})`);
  }

  private onLink(transport: Transport, state: LinkState, reason: string): void {
    const at = this.clock();
    const closed = this.registry.linkChanged(transport.id, state, `${transport.kind} link ${state}: ${reason}`, at);
    if (state !== 'up') {
      this.outages.linkDown(transport.id, closed);
      this.failPendingOn((a) => a.transportId === transport.id, `${transport.kind} link ${state} (${reason})`);
    } else {
      this.linkUpAt.set(transport.id, at);
      this.probeDoubtful(transport.id, this.outages.linkUp(transport.id));
    }
    this.emit('link', { transportId: transport.id, kind: transport.kind, state, reason, at });
  }

  /**
   * Asks each agent that was online before an outage, and every accepted broker agent of this
   * transport that is offline (restored from the store after a console restart, or gone quiet):
   * an answer restores its presence; silence is retried with back-off (issue 9 #6).
   */
  private probeDoubtful(transportId: string, before: readonly string[]): void {
    const doubtful = new Set(before);
    for (const agent of this.registry.list()) {
      if (!agent.online && agent.addresses.some((a) => a.address.transportId === transportId && !isConnectionOriented(a.address))) doubtful.add(agent.endpointId);
    }
    for (const endpointId of doubtful) if (this.registry.status(endpointId) === 'accepted') this.prober.schedule(endpointId);
  }

  private probe(endpointId: string): void {
    this.queryProtocolVersions(endpointId).catch((error: unknown) => {
      this.emit('warning', { at: this.clock(), endpointId, message: `GetSupportedProtocol failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  }

  private onRecord(transport: Transport, inbound: InboundRecord): void {
    try {
      this.intake(transport, inbound);
    } catch (error) {
      // Whatever one agent sends must never take the controller down for the others.
      this.dropped(transport.id, null, inbound, `failed to process: ${error instanceof Error ? error.message : String(error)}`, false);
    }
  }

  private intake(transport: Transport, inbound: InboundRecord): void {
    const at = this.clock();
    const result = classifyInbound(inbound.bytes, this.endpointId, inbound.peerEndpointId);
    if (!result.ok) {
      this.traceIn(transport.id, inbound, result.endpointId ?? '', null, { error: `dropped: ${result.reason}` });
      const answerable = result.errorReply !== null && result.endpointId !== null && this.registry.status(result.endpointId) === 'accepted';
      if (answerable && result.errorReply && result.endpointId) {
        const { msgId, errCode, errMsg } = result.errorReply;
        void this.reply(result.endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode, errMsg }));
      }
      this.dropped(transport.id, result.endpointId, inbound, result.reason, answerable);
      return;
    }
    const { record, msg, endpointId } = result;
    const refusal = certificateRefusal(inbound, endpointId);
    if (refusal !== null) {
      // R-SEC.10a: not processed at all; the agent shows why (agent details) and the log says so.
      this.traceIn(transport.id, inbound, endpointId, result, { error: `dropped: ${refusal}` });
      this.security.refused(endpointId, { at, transportId: transport.id, reason: refusal });
      this.emit('warning', { at, endpointId, transportId: transport.id, message: `refused a Record: ${refusal}` });
      this.dropped(transport.id, endpointId, inbound, refusal, false);
      return;
    }
    // One WebSocket/UDS connection speaks for one agent (R-WS.4); see ConnectionGuard.
    if (inbound.replyTo && isConnectionOriented(inbound.replyTo) && !this.guard.admit(transport, inbound.replyTo, endpointId, inbound)) return;
    const pendingReply = msg ? this.pending.peek(endpointId, msg.header?.msg_id ?? '') : undefined;
    // A session Record is traced once unwrapped, with the Msg it completes (receiveInSession).
    const inSession = record.record_type === 'session_context';
    if (!inSession) this.traceIn(transport.id, inbound, endpointId, result, pendingReply ? { latencyMs: at - pendingReply.sentAt } : undefined);

    if (this.registry.ensure(endpointId, this.acceptUnknownAgents ? 'accepted' : 'held', at)) {
      const info = this.registry.get(endpointId);
      if (info) this.emit('agentSeen', info);
      if (info?.status === 'held') this.emit('agentHeld', info);
    }
    const kind = recordKind(record) ?? 'no_session_context';
    const what = kind === 'no_session_context' && msg ? (m.messageKind(msg) ?? 'message') : kind;
    this.heardOver(endpointId, this.addressFrom(transport, record, inbound), at, `${what} received`);
    this.security.heard(endpointId, transport.id, inbound.tls);

    const status = this.registry.status(endpointId);
    if (status !== 'accepted') {
      if (inSession) this.traceIn(transport.id, inbound, endpointId, result);
      this.dropped(transport.id, endpointId, inbound, status === 'held' ? 'agent held for approval' : 'agent rejected', false);
      return;
    }
    if (kind === 'disconnect') {
      const reason = `DisconnectRecord ${record.disconnect?.reason_code ?? 0}: ${record.disconnect?.reason ?? ''}`;
      // R-E2E.6a: 7106 refuses session contexts but keeps the MTP; what was sent in one goes unanswered.
      if (this.sessions.disconnected(endpointId, record.disconnect?.reason_code ?? 0, record.disconnect?.reason ?? '')) {
        this.failPendingOn((a) => a.transportId === transport.id, `agent sent ${reason}`, endpointId);
      } else if (inbound.replyTo) {
        this.registry.addressClosed(endpointId, inbound.replyTo, reason, at);
        const closed = inbound.replyTo;
        this.failPendingOn((a) => sameAddress(a, closed), `agent sent ${reason}`);
      }
      return;
    }
    if (!this.contacted.has(endpointId) || kind.endsWith('_connect')) this.firstContact(endpointId);
    if (inSession) this.receiveInSession(transport, inbound, endpointId, record);
    else if (msg) this.dispatch(transport, inbound, endpointId, msg);
  }

  /** A session_context Record: sequencing and reassembly (e2e-sessions.ts), then the Msgs it completed. */
  private receiveInSession(transport: Transport, inbound: InboundRecord, endpointId: string, record: usp_record.Record): void {
    const intake = this.sessions.receive(endpointId, record.session_context ?? {});
    const last = intake.msgs[intake.msgs.length - 1] ?? null;
    const pendingReply = last ? this.pending.peek(endpointId, last.header?.msg_id ?? '') : undefined;
    this.traceIn(transport.id, inbound, endpointId, { record, msg: last }, pendingReply ? { latencyMs: this.clock() - pendingReply.sentAt } : undefined);
    for (const reason of intake.undecodable) this.dropped(transport.id, endpointId, inbound, `undecodable Msg in a session context: ${reason}`, false);
    this.sendSessionRecords(endpointId, inbound.replyTo, intake);
    for (const msg of intake.msgs) this.dispatch(transport, inbound, endpointId, msg);
  }

  private sessionTick(): void {
    for (const { endpointId, output } of this.sessions.tick()) this.sendSessionRecords(endpointId, null, output);
  }

  /** Retransmissions, retransmit requests and context restarts the session layer asks for. */
  private sendSessionRecords(endpointId: string, replyTo: MtpAddress | null, output: { records: Uint8Array[]; restarted: string | null }): void {
    if (output.restarted !== null) this.emit('warning', { at: this.clock(), endpointId, message: `E2E session restarted: ${output.restarted}` });
    const address = replyTo ?? this.routesFor(endpointId)[0];
    if (address && output.records.length > 0) void this.sendAll(endpointId, address, { bytes: output.records, session: true }, null);
  }

  /**
   * Presence and address from an inbound Record. A broker topic/destination other than the one a
   * known agent uses is not taken on the Record's word (a spoofed MQTT Connect Record would
   * redirect the agent's traffic): it replaces the old one only once a request sent there is
   * answered by that agent (issue 9 #2). On MQTT, broker ACLs are what really separates agents.
   */
  private heardOver(endpointId: string, address: MtpAddress | null, at: number, reason: string): void {
    const current = address && !isConnectionOriented(address) ? this.registry.addressOn(endpointId, address.transportId) : undefined;
    if (!address || !current || sameAddress(current, address)) {
      this.registry.heardFrom(endpointId, address, at, reason);
      return;
    }
    this.registry.heardFrom(endpointId, null, at, reason);
    if (this.registry.status(endpointId) === 'accepted') this.confirmRedirect(endpointId, current, address);
  }

  private confirmRedirect(endpointId: string, current: MtpAddress, proposed: MtpAddress): void {
    const key = `${endpointId}\u0000${proposed.transportId}\u0000${proposed.target}`;
    // One confirmation per proposed address at a time; an agent has one address per transport, so this stays small.
    if (this.redirects.has(key) || this.redirects.size >= 1024) return;
    this.redirects.add(key);
    this.warnAgent(endpointId, proposed.transportId, `a Record names a new reply address "${proposed.target}" (now "${current.target}"): asking the agent there before using it`);
    const timeoutMs = Math.min(this.requestTimeoutMs, 10_000);
    this.exchange(endpointId, (id) => m.buildGetSupportedProtocol(id), timeoutMs, [proposed])
      .then(
        () => {
          this.registry.learnAddress(endpointId, proposed, this.clock(), true, `reply address changed to ${proposed.target} (confirmed)`);
          this.warnAgent(endpointId, proposed.transportId, `reply address changed from "${current.target}" to "${proposed.target}": the agent answered there`);
        },
        (error: unknown) => {
          const why = error instanceof Error ? error.message : String(error);
          this.warnAgent(endpointId, proposed.transportId, `kept reply address "${current.target}": nothing answered as this agent on "${proposed.target}" (${why})`);
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
    const kind = m.messageKind(msg);
    const msgId = msg.header?.msg_id ?? '';
    if (kind === 'notify') {
      const outcome = this.notifications.accept(endpointId, msg, transport.id, inbound.receivedAt);
      if (outcome.respond) void this.reply(endpointId, inbound.replyTo, m.buildNotifyResp(outcome.respond.msgId, outcome.respond.subscriptionId));
      if (!outcome.event) return;
      const n = outcome.event.notification;
      if (n.kind === 'on_board_req') this.registry.setProtocolVersions(endpointId, m.splitVersions(n.agentSupportedProtocolVersions));
      this.operations.onNotification(outcome.event);
      this.emit('notification', outcome.event);
      return;
    }
    if (kind === 'error' || (kind !== undefined && kind.endsWith('_resp'))) {
      // R-MSG.9: a response matching no outstanding request of that agent is ignored.
      if (!this.pending.resolve(endpointId, msgId, msg)) this.dropped(transport.id, endpointId, inbound, `no request ${msgId} pending for this agent`, false);
      return;
    }
    // Agents have no business sending Get/Set/... to a controller; Register needs a Broker.
    void this.reply(endpointId, inbound.replyTo, m.buildErrorMsg(msgId, { errCode: USP_ERR_MESSAGE_NOT_SUPPORTED, errMsg: `${kind} is not supported by this controller` }));
    this.dropped(transport.id, endpointId, inbound, `unsupported message ${kind}`, true);
  }

  private firstContact(endpointId: string): void {
    this.contacted.add(endpointId);
    if (this.queryProtocolOnContact) this.probe(endpointId);
  }

  private dropped(transportId: string, endpointId: string | null, inbound: InboundRecord, reason: string, answered: boolean): void {
    this.emit('recordDropped', { at: this.clock(), transportId, endpointId, reason, size: inbound.bytes.length, answered });
  }

  private traceIn(transportId: string, inbound: InboundRecord, endpointId: string, parsed: { record: usp_record.Record; msg: usp.Msg | null } | null, note?: { error?: string; latencyMs?: number }): void {
    if (this.listenerCount('trace') > 0) this.emit('trace', inboundTrace(transportId, inbound, endpointId, parsed, note));
  }
}
