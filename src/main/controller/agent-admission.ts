import type { MtpAddress } from '../mtp/transport';
import { isConnectionOriented, type AgentInfo } from './agent-registry';
import type { ControllerParts } from './controller-parts';
import { addressWords } from './presence-words';
import { AgentNotApprovedError, AgentUnreachableError } from './errors';
import type { InFlightLimiter } from './in-flight-limiter';
import type { LinkSecurity } from './link-security';
import type { NotificationIntake } from './notifications';
import type { PresenceProber } from './presence-prober';

export interface AgentAdmissionDeps {
  limiter: InFlightLimiter;
  prober: PresenceProber;
  notifications: NotificationIntake;
  security: LinkSecurity;
  /** GetSupportedProtocol to the agent; its failure becomes a warning (unless the agent became unreachable). */
  queryProtocolVersions(endpointId: string): Promise<unknown>;
}

/** Which agents the controller talks to: added out of band, approved, rejected, forgotten; and the first contact with each. */
export class AgentAdmission {
  /** Agents contacted in this session (for GetSupportedProtocol at first contact). */
  readonly contacted = new Set<string>();

  constructor(
    private readonly parts: ControllerParts,
    private readonly deps: AgentAdmissionDeps,
    /** Send GetSupportedProtocol on first contact and on every Connect Record. */
    private readonly queryProtocolOnContact: boolean,
  ) {}

  /** See Controller.addAgent. */
  add(endpointId: string, address?: MtpAddress): AgentInfo {
    const { registry } = this.parts;
    const at = this.parts.clock();
    if (registry.ensure(endpointId, 'accepted', at)) {
      const info = registry.get(endpointId);
      if (info) this.parts.events.emit('agentSeen', info);
    } else registry.setStatus(endpointId, 'accepted');
    if (address) {
      const link = this.parts.transports.get(address.transportId)?.transport.linkState;
      registry.learnAddress(endpointId, address, at, isConnectionOriented(address) && link === 'up', `address configured: ${addressWords(this.parts, address)}`);
    }
    const info = registry.get(endpointId);
    if (!info) throw new Error(`agent ${endpointId} vanished from the registry`);
    return info;
  }

  approve(endpointId: string): void {
    const { registry } = this.parts;
    if (registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    registry.setStatus(endpointId, 'accepted');
    if (registry.routes(endpointId).length > 0) this.firstContact(endpointId);
  }

  /** See Controller.forgetAgent. */
  forget(endpointId: string): boolean {
    const { registry, transports } = this.parts;
    const open = (registry.get(endpointId)?.addresses ?? []).filter((a) => a.open && isConnectionOriented(a.address));
    if (!registry.remove(endpointId)) return false;
    this.deps.prober.cancel(endpointId);
    for (const { address } of open) transports.get(address.transportId)?.transport.closePeer?.(address, 'agent forgotten by the user');
    this.contacted.delete(endpointId);
    this.parts.sessions.forget(endpointId);
    this.deps.notifications.forget(endpointId);
    this.deps.security.forget(endpointId);
    this.deps.limiter.cancelQueued(endpointId, new AgentUnreachableError(endpointId, 'agent removed'));
    this.parts.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentUnreachableError(endpointId, 'agent removed'),
    );
    return true;
  }

  reject(endpointId: string): void {
    const { registry } = this.parts;
    if (registry.status(endpointId) === undefined) throw new AgentUnreachableError(endpointId, 'unknown agent');
    registry.setStatus(endpointId, 'rejected');
    this.deps.prober.cancel(endpointId);
    this.deps.limiter.cancelQueued(endpointId, new AgentNotApprovedError(endpointId, 'rejected'));
    this.parts.pending.rejectWhere(
      (r) => r.endpointId === endpointId,
      () => new AgentNotApprovedError(endpointId, 'rejected'),
    );
  }

  firstContact(endpointId: string): void {
    this.contacted.add(endpointId);
    this.parts.events.emit('contact', endpointId);
    if (!this.queryProtocolOnContact) return;
    this.deps.queryProtocolVersions(endpointId).catch((error: unknown) => {
      // The link went away before the answer: the agent disconnected, was forgotten, or the
      // console is closing. Presence says so already, and its next Connect Record asks again.
      if (error instanceof AgentUnreachableError) return;
      this.parts.events.emit('warning', { at: this.parts.clock(), endpointId, message: `GetSupportedProtocol failed: ${error instanceof Error ? error.message : String(error)}` });
    });
  }
}
