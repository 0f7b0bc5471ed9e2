import { randomInt } from 'node:crypto';
import { DEFAULT_SESSION_LIMITS, type SessionLimits } from '../usp/session/session-context';
import { SessionEndpoint, type SessionOutput } from '../usp/session/session-endpoint';
import { segmentSize, type SessionRecord } from '../usp/session/session-record';
import type { DataModel } from './model/data-model';

/** Device.LocalAgent.Controller.{i}.E2ESession.SessionMode. */
export type SessionMode = 'Require' | 'Allow' | 'Forbid';

/** Session ids stay below 2^53 so that they survive the number conversion of uint64 fields. */
const MAX_SESSION_ID = 2 ** 48;

/**
 * The agent side of E2E session contexts, one per controller, configured by the controller's
 * E2ESession object in the data model: SessionMode, MaxUSPRecordSize (the size of
 * every Record we send, so larger Msgs are segmented), SessionExpiration and MaxRetransmitTries.
 */
export class SimSessions {
  private readonly endpoints = new Map<string, SessionEndpoint>();

  constructor(
    private readonly model: DataModel,
    private readonly agentId: string,
    private readonly recordVersion: string,
    private readonly controllerRow: (controllerId: string) => string | undefined,
    private readonly clock: () => number,
  ) {}

  mode(controllerId: string): SessionMode {
    const row = this.controllerRow(controllerId);
    const mode = row ? this.model.get(`${row}E2ESession.SessionMode`) : undefined;
    return mode === 'Require' || mode === 'Allow' ? mode : 'Forbid';
  }

  /** Whether what we send to this controller goes in a session context: always under Require, under Allow once the controller started one. */
  uses(controllerId: string): boolean {
    const mode = this.mode(controllerId);
    return mode === 'Require' || (mode === 'Allow' && this.endpoints.get(controllerId)?.sessionId != null);
  }

  /** The Records carrying one Msg to the controller. */
  send(controllerId: string, msg: Uint8Array): SessionOutput {
    return this.track(controllerId, this.endpoint(controllerId).send(msg));
  }

  /** One session_context Record from the controller; null when SessionMode is Forbid (caller answers 7106, R-E2E.6a). */
  receive(controllerId: string, record: SessionRecord): SessionOutput | null {
    if (this.mode(controllerId) === 'Forbid') return null;
    return this.track(controllerId, this.endpoint(controllerId).receive(record));
  }

  /** Retransmit requests for Records still missing, per controller. */
  tick(): { controllerId: string; output: SessionOutput }[] {
    return [...this.endpoints].map(([controllerId, e]) => ({ controllerId, output: this.track(controllerId, e.tick()) }));
  }

  /** A DisconnectRecord or a reboot ends the context (R-MTP.7). */
  reset(controllerId?: string): void {
    for (const id of controllerId === undefined ? [...this.endpoints.keys()] : [controllerId]) {
      this.endpoints.get(id)?.reset();
      this.endpoints.delete(id);
      this.setStatus(id, 'Down');
    }
  }

  private track(controllerId: string, output: SessionOutput): SessionOutput {
    this.setStatus(controllerId, this.endpoints.get(controllerId)?.sessionId != null ? 'Up' : 'Down');
    return output;
  }

  private setStatus(controllerId: string, status: 'Up' | 'Down'): void {
    const row = this.controllerRow(controllerId);
    if (row && this.model.get(`${row}E2ESession.Status`) !== status) this.model.setValue(`${row}E2ESession.`, 'Status', status);
  }

  private endpoint(controllerId: string): SessionEndpoint {
    let endpoint = this.endpoints.get(controllerId);
    if (!endpoint) {
      const addressing = { toId: controllerId, fromId: this.agentId, version: this.recordVersion };
      endpoint = new SessionEndpoint({ addressing, limits: this.limits(controllerId, addressing), clock: this.clock, newSessionId: () => randomInt(2, MAX_SESSION_ID) });
      this.endpoints.set(controllerId, endpoint);
    }
    return endpoint;
  }

  private limits(controllerId: string, addressing: { toId: string; fromId: string; version: string }): SessionLimits {
    const row = this.controllerRow(controllerId) ?? '';
    const number = (name: string, fallback: number) => {
      const value = Number(this.model.get(`${row}E2ESession.${name}`));
      return Number.isFinite(value) ? value : fallback;
    };
    return {
      ...DEFAULT_SESSION_LIMITS,
      segmentBytes: segmentSize(number('MaxUSPRecordSize', 0), addressing),
      expirationMs: number('SessionExpiration', 0) * 1000,
      maxRetransmitTries: number('MaxRetransmitTries', DEFAULT_SESSION_LIMITS.maxRetransmitTries),
    };
  }
}
