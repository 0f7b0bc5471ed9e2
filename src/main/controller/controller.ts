import { EventEmitter } from 'node:events';
import type { MtpAddress, Transport } from '../mtp/transport';
import type { TlsLinkState } from '../../shared/model/tls';
import type { usp } from '../usp/generated/usp-proto.js';
import * as m from '../usp/messages';
import { AgentAdmission } from './agent-admission';
import { AgentRegistry, type AgentInfo, type RestoredAgent } from './agent-registry';
import { BrokerOutages } from './broker-outages';
import { ConnectionGuard } from './connection-guard';
import type { ControllerOptions, RequestOptions } from './controller-options';
import { warnAgent, type ControllerParts } from './controller-parts';
import { E2ESessions, type E2ESessionSetting, type E2ESessionState } from './e2e-sessions';
import { AgentNotApprovedError, AgentUnreachableError } from './errors';
import type { ControllerEvents } from './events';
import { InFlightLimiter } from './in-flight-limiter';
import { LinkPresence } from './link-presence';
import { LinkSecurity, type CertificateRefusal } from './link-security';
import { NotificationIntake } from './notifications';
import { OperationTracker, runOperate, type OperateContext, type OperateOptions, type OperateOutcome } from './operations';
import { Outbound } from './outbound';
import { PendingRequests } from './pending-requests';
import { PresenceProber } from './presence-prober';
import { addressWords } from './presence-words';
import { RecordIntake } from './record-intake';
import * as subs from './subscriptions';
import { attach } from './transport-listeners';
import { waitForAgent } from './wait-for-agent';
import { isValidEndpointId } from '../../shared/endpoint-id';

export type { ControllerOptions, RequestOptions } from './controller-options';

/**
 * The USP Controller: one instance talks to any number of agents over any number of transports.
 * Everything is per agent (registry, pending requests, in-flight limit, Notify de-dup); the UI,
 * the store and the CLI learn what happens through the events of ControllerEvents. Every USP
 * operation returns the USP core's parsed result, with per-path failures as data. What is sent
 * lives in outbound.ts, what arrives in record-intake.ts, presence from the links in link-presence.ts.
 */
export class Controller extends EventEmitter<ControllerEvents> {
  readonly requestTimeoutMs: number;
  private acceptUnknownAgents: boolean;
  private readonly parts: ControllerParts;
  private readonly limiter: InFlightLimiter;
  private readonly operations = new OperationTracker();
  private readonly security = new LinkSecurity();
  private readonly prober: PresenceProber;
  private readonly outbound: Outbound;
  private readonly intake: RecordIntake;
  private readonly links: LinkPresence;
  private readonly admission: AgentAdmission;
  /** Retransmit requests for session Records still missing (e2e-sessions.ts). */
  private readonly sessionTimer: NodeJS.Timeout;

  constructor(options: ControllerOptions) {
    super();
    if (!options.endpointId) throw new Error('the controller needs its own Endpoint ID');
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.acceptUnknownAgents = options.acceptUnknownAgents ?? true;
    const clock = options.clock ?? Date.now;
    this.limiter = new InFlightLimiter(options.maxInFlightPerAgent ?? 16);
    const registry = new AgentRegistry({
      presenceChanged: (change) => this.emit('presenceChanged', change),
      agentUpdated: (agent) => this.emit('agentUpdated', agent),
    });
    const parts: ControllerParts = {
      endpointId: options.endpointId,
      clock,
      requestTimeoutMs: this.requestTimeoutMs,
      events: this,
      transports: new Map(),
      registry,
      pending: new PendingRequests(),
      sessions: new E2ESessions(options.endpointId, clock),
    };
    this.parts = parts;
    this.outbound = new Outbound(parts, (request) => this.links.requestTimedOut(request));
    const guard = new ConnectionGuard(
      {
        registry,
        clock: () => clock(),
        warnAgent: (endpointId, transportId, message) => warnAgent(parts, endpointId, transportId, message),
        refuse: (transport, inbound, endpointId, reason) => this.intake.refused(transport, inbound, endpointId, reason),
        replay: (transport, inbound) => this.intake.onRecord(transport, inbound),
        attached: (transportId) => parts.transports.has(transportId),
        reconnected: (endpointId) => this.admission.firstContact(endpointId),
      },
      options.takeoverProbeMs ?? 5_000,
    );
    this.prober = new PresenceProber(
      (endpointId) => this.queryProtocolVersions(endpointId).then(() => true, () => false),
      (endpointId) => registry.status(endpointId) === 'accepted' && registry.get(endpointId)?.online === false && this.outbound.routesFor(endpointId).length > 0,
      options.presenceProbe,
    );
    const notifications = new NotificationIntake();
    const queryProtocolVersions = (endpointId: string): Promise<unknown> => this.queryProtocolVersions(endpointId);
    this.admission = new AgentAdmission(parts, { limiter: this.limiter, prober: this.prober, notifications, security: this.security, queryProtocolVersions }, options.queryProtocolOnContact ?? true);
    this.intake = new RecordIntake(parts, {
      outbound: this.outbound,
      guard,
      security: this.security,
      notifications,
      operations: this.operations,
      acceptUnknownAgents: () => this.acceptUnknownAgents,
      contacted: this.admission.contacted,
      firstContact: (endpointId) => this.admission.firstContact(endpointId),
      announced: (endpointId, transportId, at) => this.links.announced(endpointId, transportId, at),
    });
    this.links = new LinkPresence(parts, this.outbound, guard, this.prober, new BrokerOutages());
    for (const transport of options.transports ?? []) this.addTransport(transport);
    this.sessionTimer = setInterval(() => {
      for (const { endpointId, output } of parts.sessions.tick()) this.outbound.sendSessionRecords(endpointId, null, output);
    }, 500);
    this.sessionTimer.unref();
  }

  // ---- transports -------------------------------------------------------------------------

  addTransport(transport: Transport): void {
    const { transports, registry, clock } = this.parts;
    if (transports.has(transport.id)) throw new Error(`transport ${transport.id} is already attached`);
    const detach = attach(transport, {
      record: (inbound) => this.intake.onRecord(transport, inbound),
      peerOpened: (address, endpointId) => this.links.peerOpened(transport, address, endpointId),
      peerClosed: (address, reason) => this.links.peerClosed(address, reason),
      link: (state, reason) => this.links.link(transport, state, reason),
      warning: (message) => this.emit('warning', { at: clock(), message, transportId: transport.id }),
    });
    transports.set(transport.id, { transport, detach });
    registry.linkChanged(transport.id, transport.linkState, 'transport attached', clock());
    if (transport.linkState === 'up') this.links.probeDoubtful(transport.id, []);
  }

  /** Detaches a transport (it is not stopped); requests in flight over it fail. */
  removeTransport(transportId: string): void {
    const attached = this.parts.transports.get(transportId);
    if (!attached) return;
    attached.detach();
    this.parts.transports.delete(transportId);
    this.parts.registry.forgetTransport(transportId, 'transport removed', this.parts.clock());
    this.links.forget(transportId);
    this.outbound.failPendingOn((a) => a.transportId === transportId, 'transport removed');
  }

  /** Detaches every transport and fails everything pending or queued. */
  close(): void {
    clearInterval(this.sessionTimer);
    this.prober.cancelAll();
    for (const id of [...this.parts.transports.keys()]) this.removeTransport(id);
    this.limiter.cancelAll((endpointId) => new AgentUnreachableError(endpointId, 'controller closed'));
    this.parts.pending.rejectWhere(() => true, (r) => new AgentUnreachableError(r.endpointId, 'controller closed'));
    this.operations.cancelAll('controller closed');
  }

  /** Our own Endpoint ID: from_id of everything we send, the to_id we accept. */
  get endpointId(): string {
    return this.parts.endpointId;
  }

  /**
   * Speaks as another Endpoint ID from now on (Settings, saved): Records to the old one are no
   * longer accepted and E2E session contexts start afresh. The caller restarts the transports
   * whose addresses derive from it. Agents answer only if they know the new ID as a controller.
   */
  setEndpointId(endpointId: string): void {
    if (!isValidEndpointId(endpointId)) throw new Error(`not a valid Endpoint ID: ${endpointId}`);
    if (endpointId === this.parts.endpointId) return;
    this.parts.endpointId = endpointId;
    this.parts.sessions.renamed(endpointId);
  }

  // ---- agents -----------------------------------------------------------------------------

  knownAgents(): AgentInfo[] {
    return this.parts.registry.list();
  }

  agent(endpointId: string): AgentInfo | undefined {
    return this.parts.registry.get(endpointId);
  }

  /** An agent's address in words for people: "WebSocket from 127.0.0.1", "MQTT broker "lab" at host:port, topic T". */
  describeAddress(address: MtpAddress): string {
    return addressWords(this.parts, address);
  }

  /** The TLS state of the agent's links (by transport id) and its last certificate refusal. */
  linkSecurity(endpointId: string): { links: Map<string, TlsLinkState>; lastRefusal: CertificateRefusal | null } {
    return { links: this.security.links(endpointId), lastRefusal: this.security.lastRefusal(endpointId) };
  }

  /** Loads a persisted registry (with addresses) at start; agents stay offline until heard from or answering a probe. */
  restoreAgents(agents: RestoredAgent[]): void {
    this.parts.registry.restore(agents, this.parts.clock());
    // Broker agents give no sign of their own until they send something: ask them (issue 9 #6).
    for (const { transport } of this.parts.transports.values()) if (transport.linkState === 'up') this.links.probeDoubtful(transport.id, []);
  }

  /**
   * An agent known out of band (provisioning, CLI flags such as --agent-topic), accepted at once.
   * With an address the controller can send to it before hearing from it; a
   * WebSocket/UDS client address counts as open while its transport's link is up.
   */
  addAgent(endpointId: string, address?: MtpAddress): AgentInfo {
    return this.admission.add(endpointId, address);
  }

  /** Settings' approval mode, applied when saved: agents first seen from now on are accepted or held. */
  setAcceptUnknownAgents(accept: boolean): void {
    this.acceptUnknownAgents = accept;
  }

  approveAgent(endpointId: string): void {
    this.admission.approve(endpointId);
  }

  /**
   * Removes an agent from the registry; its pending and queued requests fail and its open
   * WebSocket/UDS connections are closed, so that nothing it had in flight brings it back at once.
   * False when unknown.
   */
  forgetAgent(endpointId: string): boolean {
    return this.admission.forget(endpointId);
  }

  rejectAgent(endpointId: string): void {
    this.admission.reject(endpointId);
  }

  /** A problem a service had with the agent (a read that kept failing): shown on the agent and emitted as a warning. */
  warnAgent(endpointId: string, message: string): void {
    const at = this.parts.clock();
    this.parts.registry.warn(endpointId, message, at);
    this.emit('warning', { at, endpointId, message });
  }

  /** Resolves once the agent is online (at once if it is); AgentUnreachableError after timeoutMs. */
  waitForAgent(endpointId: string, timeoutMs: number): Promise<AgentInfo> {
    return waitForAgent(this, endpointId, timeoutMs);
  }

  // ---- E2E session context ---------------------------------------------------------------

  /** The per-agent "use E2E session" setting and the current context. */
  e2eSession(endpointId: string): E2ESessionState {
    return this.parts.sessions.state(endpointId);
  }

  /** Turns session contexts on or off for an agent; throws RangeError for a maxRecordSize below the header size. */
  setE2ESession(endpointId: string, setting: E2ESessionSetting): void {
    this.parts.sessions.configure(endpointId, setting);
  }

  // ---- requests ---------------------------------------------------------------------------

  /**
   * Sends one request and resolves with the agent's response Msg. Rejects with
   * RequestTimeoutError, AgentUnreachableError, AgentNotApprovedError, or UspErrorResponse when
   * the agent answered with an Error message.
   */
  request(endpointId: string, build: (msgId: string) => usp.IMsg, options: RequestOptions = {}): Promise<usp.Msg> {
    const status = this.parts.registry.status(endpointId);
    if (status === undefined) return Promise.reject(new AgentUnreachableError(endpointId, 'unknown agent'));
    if (status !== 'accepted') return Promise.reject(new AgentNotApprovedError(endpointId, status));
    const timeoutMs = options.timeoutMs ?? this.requestTimeoutMs;
    return this.limiter.run(endpointId, () => this.outbound.exchange(endpointId, build, timeoutMs));
  }

  async get(endpointId: string, paths: string[], options: RequestOptions & { maxDepth?: number } = {}): Promise<m.GetResult> {
    return m.parseGetResp(await this.request(endpointId, (id) => m.buildGet(id, paths, options.maxDepth), options));
  }

  async set(endpointId: string, request: m.SetRequest, options?: RequestOptions): Promise<m.SetResult> {
    return m.parseSetResp(await this.request(endpointId, (id) => m.buildSet(id, request), options));
  }

  async add(endpointId: string, request: m.AddRequest, options?: RequestOptions): Promise<m.AddResult> {
    return m.parseAddResp(await this.request(endpointId, (id) => m.buildAdd(id, request), options));
  }

  async delete(endpointId: string, request: m.DeleteRequest, options?: RequestOptions): Promise<m.DeleteResult> {
    return m.parseDeleteResp(await this.request(endpointId, (id) => m.buildDelete(id, request), options));
  }

  async getSupportedDM(endpointId: string, request: m.GetSupportedDMRequest, options?: RequestOptions): Promise<m.GetSupportedDMResult> {
    return m.parseGetSupportedDMResp(await this.request(endpointId, (id) => m.buildGetSupportedDM(id, request), options));
  }

  async getInstances(endpointId: string, request: m.GetInstancesRequest, options?: RequestOptions): Promise<m.GetInstancesResult> {
    return m.parseGetInstancesResp(await this.request(endpointId, (id) => m.buildGetInstances(id, request), options));
  }

  /** Asks for the agent's USP versions and remembers them in the registry. */
  getSupportedProtocol(endpointId: string, options?: RequestOptions): Promise<m.GetSupportedProtocolResult> {
    return this.queryProtocolVersions(endpointId, options);
  }

  /** Operate, sync or async (operations.ts). */
  operate(endpointId: string, options: OperateOptions): Promise<OperateOutcome> {
    return runOperate(this.operateContext(), endpointId, options);
  }

  createSubscription(endpointId: string, spec: subs.SubscriptionSpec, options?: RequestOptions): Promise<subs.SubscriptionInfo> {
    return subs.createSubscription(this, endpointId, spec, options);
  }

  listSubscriptions(endpointId: string, options?: RequestOptions & { all?: boolean }): Promise<subs.SubscriptionInfo[]> {
    return subs.listSubscriptions(this, endpointId, options);
  }

  /** Deletes one of our subscriptions by ID or instance path; false when there was none. */
  deleteSubscription(endpointId: string, idOrPath: string, options?: RequestOptions): Promise<boolean> {
    return subs.deleteSubscription(this, endpointId, idOrPath, options);
  }

  /** GetSupportedProtocol; the versions are remembered in the registry. */
  private async queryProtocolVersions(endpointId: string, options?: RequestOptions): Promise<m.GetSupportedProtocolResult> {
    const result = m.parseGetSupportedProtocolResp(await this.request(endpointId, (id) => m.buildGetSupportedProtocol(id), options));
    this.parts.registry.setProtocolVersions(endpointId, result.versions);
    return result;
  }

  private operateContext(): OperateContext {
    return {
      request: this.request.bind(this),
      tracker: this.operations,
      subscriptions: this,
      warn: (endpointId: string, message: string) => this.emit('warning', { at: this.parts.clock(), message, endpointId }),
    };
  }
}
