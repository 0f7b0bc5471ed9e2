import type { InboundRecord, MtpAddress, Transport } from '../mtp/transport';
import { UspDecodeError, decodeMsg, decodeRecord, encodeMsg } from '../usp/codec';
import { usp_record, type usp } from '../usp/generated/usp-proto.js';
import { buildConnectRecord, buildDisconnectRecord, buildMsgRecord } from '../usp/record';
import { readSessionRecord } from '../usp/session/session-record';
import type { SessionOutput } from '../usp/session/session-endpoint';
import { USP_ERR_INVALID_RECORD_VALUE, USP_ERR_SESSION_CONTEXT_NOT_ALLOWED, USP_ERR_SESSION_CONTEXT_TERMINATED } from '../../shared/usp-error-codes';
import type { ControllerLookup } from './controller-lookup';
import type { CommandRunner, HandlerContext } from './handlers/context';
import { dispatchMessage } from './handlers/dispatch';
import type { DataModel } from './model/data-model';
import type { SimMtp } from './provision';
import type { SimSessions } from './sim-sessions';

export interface RecordLayerDeps {
  endpointId: string;
  /** The controller provisioned at start: the connect record goes to it. */
  controllerId: string;
  mtp: SimMtp;
  transport: Transport;
  model: DataModel;
  controllers: ControllerLookup;
  sessions: SimSessions;
  commands: CommandRunner;
  /** Record.version of everything sent. */
  recordVersion: string;
  /** For GetSupportedProtocolResp. */
  protocolVersions: string;
  now: () => Date;
  /** A NotifyResp arrived for this Notify msg_id. */
  notifyAcknowledged(msgId: string): void;
  warn(message: string): void;
}

/** The agent's Record layer, as obuspa's: Records in (checked, unwrapped, answered) and out (plain or in a session context). */
export class SimRecordLayer {
  constructor(private readonly deps: RecordLayerDeps) {}

  /** One inbound Record. */
  onRecord(inbound: InboundRecord): void {
    const { endpointId, controllers, sessions } = this.deps;
    let record: usp_record.Record;
    try {
      record = decodeRecord(inbound.bytes);
    } catch (error) {
      // R-MTP.5: without a readable Record there is nothing to answer; drop it.
      if (error instanceof UspDecodeError) {
        this.deps.warn(`undecodable Record dropped: ${error.message}`);
        return;
      }
      throw error;
    }
    if (record.to_id !== endpointId || !controllers.isKnown(record.from_id)) {
      this.deps.warn(`Record from "${record.from_id}" to "${record.to_id}" dropped: not for us or from an unknown controller`);
      return;
    }
    const from = record.from_id;
    const replyTo = inbound.replyTo;
    const disconnect = (reasonCode: number, reason: string) => {
      const to = replyTo ?? controllers.address(from);
      if (to) this.sendBytes(to, buildDisconnectRecord({ toId: from, fromId: endpointId, version: this.deps.recordVersion, reason, reasonCode }));
    };
    switch (record.record_type) {
      case 'disconnect':
        sessions.reset(from);
        disconnect(USP_ERR_SESSION_CONTEXT_TERMINATED, 'USP Disconnect record received. Disconnecting.');
        return;
      case 'session_context': {
        let output: SessionOutput | null;
        try {
          output = record.session_context ? sessions.receive(from, readSessionRecord(record.session_context)) : null;
        } catch (error) {
          if (!(error instanceof RangeError)) throw error;
          disconnect(USP_ERR_INVALID_RECORD_VALUE, `Invalid Record value: ${error.message}`);
          return;
        }
        // R-E2E.6a: SessionMode Forbid (obuspa's default build) refuses every context.
        if (output === null) disconnect(USP_ERR_SESSION_CONTEXT_NOT_ALLOWED, 'Session Context not allowed');
        else this.sendSessionOutput(from, output, replyTo);
        return;
      }
      case 'no_session_context':
        if (record.payload_security === usp_record.Record.PayloadSecurity.TLS12) {
          disconnect(USP_ERR_INVALID_RECORD_VALUE, 'TLS12 payload security needs a session context');
          return;
        }
        this.answerPayload(from, record.no_session_context?.payload, replyTo, false);
        return;
      default:
        return; // connect records are not for agents
    }
  }

  /** R-MTP.6/8: a new MTP session starts with the connect record. */
  sendConnectRecord(): void {
    const { mtp, controllerId } = this.deps;
    const to = this.deps.controllers.address(controllerId);
    if (!to) return;
    const addressing = { toId: controllerId, fromId: this.deps.endpointId, version: this.deps.recordVersion };
    const bytes =
      mtp.kind === 'mqtt'
        ? buildConnectRecord('mqtt', { ...addressing, mqttVersion: mtp.version === '5' ? 'V5' : 'V3_1_1', subscribedTopic: mtp.agentTopic })
        : mtp.kind === 'stomp'
          ? buildConnectRecord('stomp', { ...addressing, stompDestination: mtp.agentDestination })
          : buildConnectRecord('websocket', addressing);
    this.sendBytes(to, bytes);
  }

  /**
   * `inSession`: how the request being answered came. R-MSG.0a: a request without session context
   * is answered without one, unless SessionMode is Require; notifications use the context when one is open.
   */
  sendMsg(controllerId: string, msg: usp.IMsg, replyTo: MtpAddress | null, inSession?: boolean): void {
    const { sessions } = this.deps;
    const to = replyTo ?? this.deps.controllers.address(controllerId);
    if (!to) {
      this.deps.warn(`no MTP address for controller ${controllerId}; message ${msg.header?.msg_id ?? ''} not sent`);
      return;
    }
    const session = sessions.mode(controllerId) === 'Require' || (inSession ?? sessions.uses(controllerId));
    if (session) {
      try {
        this.sendSessionOutput(controllerId, sessions.send(controllerId, encodeMsg(msg)), to);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        this.deps.warn(`message ${msg.header?.msg_id ?? ''} to ${controllerId} not sent: ${error.message}`);
      }
      return;
    }
    this.sendBytes(to, buildMsgRecord({ toId: controllerId, fromId: this.deps.endpointId, version: this.deps.recordVersion, msg }));
  }

  /** Sends the Records a session step produced and answers the Msgs it completed. */
  sendSessionOutput(controllerId: string, output: SessionOutput, replyTo: MtpAddress | null): void {
    if (output.restarted !== null) this.deps.warn(`E2E session with ${controllerId} restarted: ${output.restarted}`);
    const to = replyTo ?? this.deps.controllers.address(controllerId);
    if (to) for (const bytes of output.records) this.sendBytes(to, bytes);
    else if (output.records.length > 0) this.deps.warn(`no MTP address for controller ${controllerId}; ${output.records.length} session Records not sent`);
    for (const payload of output.messages) this.answerPayload(controllerId, payload, replyTo, true);
  }

  private sendBytes(to: MtpAddress, bytes: Uint8Array): void {
    this.deps.transport.send(to, bytes).catch((error: unknown) => this.deps.warn(`send to ${to.target} failed: ${(error as Error).message}`));
  }

  private answerPayload(from: string, payload: Uint8Array | null | undefined, replyTo: MtpAddress | null, inSession: boolean): void {
    if (!payload || payload.length === 0) {
      this.deps.warn(`Record from ${from} without a Msg dropped`);
      return;
    }
    let msg: usp.Msg;
    try {
      msg = decodeMsg(payload);
    } catch (error) {
      // The msg_id cannot be read, so R-MTP.5 allows no Error reply.
      if (error instanceof UspDecodeError) {
        this.deps.warn(`undecodable Msg from ${from} dropped: ${error.message}`);
        return;
      }
      throw error;
    }
    this.answer(from, msg, replyTo, inSession);
  }

  /** The originator of the request travels in the handler context (controllerId), down to the commands it starts. */
  private answer(from: string, msg: usp.IMsg, replyTo: MtpAddress | null, inSession: boolean): void {
    const ctx: HandlerContext = {
      model: this.deps.model,
      controllerId: from,
      readSecured: false,
      commands: this.deps.commands,
      protocolVersions: this.deps.protocolVersions,
      now: this.deps.now,
    };
    const reply = dispatchMessage(ctx, { notifyResp: (msgId) => this.deps.notifyAcknowledged(msgId) }, msg);
    // Replies go back where the request came from (MQTT reply-to / STOMP reply-to-dest), else to the configured controller address.
    if (reply) this.sendMsg(from, reply, replyTo, inSession);
  }
}
