import { randomInt } from 'node:crypto';
import { USP_ERR_SESSION_CONTEXT_NOT_ALLOWED } from '../../shared/usp-error-codes';
import { UspDecodeError, decodeMsg, encodeMsg } from '../usp/codec';
import type { usp, usp_record } from '../usp/generated/usp-proto.js';
import { DEFAULT_SESSION_LIMITS } from '../usp/session/session-context';
import { SessionEndpoint, type SessionOutput } from '../usp/session/session-endpoint';
import { readSessionRecord, segmentSize } from '../usp/session/session-record';

/** The user's choice per agent ("use E2E session") and what the console knows of the agent's limit. */
export interface E2ESessionSetting {
  enabled: boolean;
  /** The agent's E2ESession.MaxUSPRecordSize: Msgs to it are segmented to fit; 0 = no limit. */
  maxRecordSize: number;
}

/** The state of the session context with one agent, for the API and the UI. */
export interface E2ESessionState extends E2ESessionSetting {
  /** session_id of the current context, null when there is none. */
  sessionId: number | null;
  /** Why the agent refused contexts (DisconnectRecord 7106), null otherwise. */
  refused: string | null;
}

/** What a received session Record yields: Msgs to dispatch, Records to send back, problems to report. */
export interface SessionIntake extends Omit<SessionOutput, 'messages'> {
  msgs: usp.Msg[];
  undecodable: string[];
}

const DISABLED: E2ESessionSetting = { enabled: false, maxRecordSize: 0 };
/** uint64 session ids stay below 2^53 so they survive the number conversion. */
const MAX_SESSION_ID = 2 ** 48;

/**
 * The controller's E2E session contexts (R-E2E.4–R-E2E.24), one per agent: used when the user enables
 * them for an agent or when the agent starts one (e.g. SessionMode Require). Only accepted agents
 * get here, so the maps are bounded by the registry.
 */
export class E2ESessions {
  private readonly settings = new Map<string, E2ESessionSetting>();
  private readonly endpoints = new Map<string, SessionEndpoint>();
  private readonly refusals = new Map<string, string>();

  constructor(
    private ownId: string,
    private readonly clock: () => number,
  ) {}

  /** The controller's Endpoint ID changed: every session context starts afresh under the new one. */
  renamed(ownId: string): void {
    this.ownId = ownId;
    this.endpoints.clear();
  }

  state(endpointId: string): E2ESessionState {
    return { ...(this.settings.get(endpointId) ?? DISABLED), sessionId: this.endpoints.get(endpointId)?.sessionId ?? null, refused: this.refusals.get(endpointId) ?? null };
  }

  /** Throws RangeError when maxRecordSize leaves no room for payload. */
  configure(endpointId: string, setting: E2ESessionSetting): void {
    segmentSize(setting.maxRecordSize, { toId: endpointId, fromId: this.ownId });
    this.settings.set(endpointId, { ...setting });
    this.refusals.delete(endpointId);
    // A new limit or turning contexts off takes effect with a fresh context.
    this.endpoints.delete(endpointId);
  }

  /** Whether Msgs to this agent travel in a session context. */
  uses(endpointId: string): boolean {
    return this.settings.get(endpointId)?.enabled === true || this.endpoints.get(endpointId)?.sessionId != null;
  }

  /** The session Records carrying one Msg. Throws RangeError past the unacknowledged-bytes bound. */
  send(endpointId: string, msg: usp.IMsg): SessionOutput {
    return this.endpoint(endpointId).send(encodeMsg(msg));
  }

  receive(endpointId: string, record: usp_record.ISessionContextRecord): SessionIntake {
    const { messages, ...rest } = this.endpoint(endpointId).receive(readSessionRecord(record));
    const intake: SessionIntake = { ...rest, msgs: [], undecodable: [] };
    for (const payload of messages) {
      try {
        intake.msgs.push(decodeMsg(payload));
      } catch (error) {
        if (!(error instanceof UspDecodeError)) throw error;
        intake.undecodable.push(error.message);
      }
    }
    return intake;
  }

  /**
   * R-MTP.7: a DisconnectRecord drops the context. 7106 also means the agent allows none
   * (R-E2E.6a): contexts are turned off for it and true returned.
   */
  disconnected(endpointId: string, reasonCode: number, reason: string): boolean {
    this.endpoints.get(endpointId)?.reset();
    this.endpoints.delete(endpointId);
    if (reasonCode !== USP_ERR_SESSION_CONTEXT_NOT_ALLOWED) return false;
    const setting = this.settings.get(endpointId);
    if (setting) this.settings.set(endpointId, { ...setting, enabled: false });
    this.refusals.set(endpointId, `the agent does not allow E2E session contexts (${reasonCode} ${reason})`);
    return true;
  }

  tick(): { endpointId: string; output: SessionOutput }[] {
    return [...this.endpoints].map(([endpointId, e]) => ({ endpointId, output: e.tick() })).filter((t) => t.output.records.length > 0);
  }

  forget(endpointId: string): void {
    this.settings.delete(endpointId);
    this.endpoints.delete(endpointId);
    this.refusals.delete(endpointId);
  }

  private endpoint(endpointId: string): SessionEndpoint {
    let endpoint = this.endpoints.get(endpointId);
    if (!endpoint) {
      const addressing = { toId: endpointId, fromId: this.ownId };
      const segmentBytes = segmentSize(this.settings.get(endpointId)?.maxRecordSize ?? 0, addressing);
      endpoint = new SessionEndpoint({
        addressing,
        limits: { ...DEFAULT_SESSION_LIMITS, segmentBytes },
        clock: this.clock,
        newSessionId: () => randomInt(2, MAX_SESSION_ID),
      });
      this.endpoints.set(endpointId, endpoint);
    }
    return endpoint;
  }
}
