import { EventEmitter } from 'node:events';
import type { InboundRecord, MtpAddress, Transport } from '../mtp/transport';
import { UspDecodeError, decodeMsg, decodeRecord, encodeMsg } from '../usp/codec';
import { usp_record, type usp } from '../usp/generated/usp-proto.js';
import { buildConnectRecord, buildDisconnectRecord, buildMsgRecord } from '../usp/record';
import { SimCommands } from './commands/sim-commands';
import type { HandlerContext } from './handlers/context';
import { dispatchMessage } from './handlers/dispatch';
import { createHomeGatewayModel } from './model/builtin-model';
import type { DataModel } from './model/data-model';
import { NotifySender, type RetryPolicy } from './notify/notify-sender';
import { SubscriptionEngine } from './notify/subscriptions';
import { advanceCounters, serialOf } from './live-values';
import { provisionLocalAgent, type SimE2ESession, type SimMtp } from './provision';
import { USP_ERR_INVALID_RECORD_VALUE, USP_ERR_SESSION_CONTEXT_NOT_ALLOWED, USP_ERR_SESSION_CONTEXT_TERMINATED } from '../../shared/usp-error-codes';
import { readSessionRecord } from '../usp/session/session-record';
import type { SessionOutput } from '../usp/session/session-endpoint';
import { SimSessions } from './sim-sessions';

export type { SimE2ESession, SimMtp } from './provision';

/** obuspa 11.x: GetSupportedProtocolResp / OnBoardRequest list and Record.version. */
export const OBUSPA_PROTOCOL_VERSIONS = '1.0,1.1,1.2,1.3';
export const OBUSPA_RECORD_VERSION = '1.3';

export interface SimAgentOptions {
  endpointId: string;
  /** The controller provisioned in Device.LocalAgent.Controller.1 (Records from other IDs are dropped). */
  controllerId: string;
  /** A Transport in agent role: MqttTransport subscribed to agentTopic, StompTransport on agentDestination, or WsClientTransport to the controller. */
  transport: Transport;
  mtp: SimMtp;
  /** The agent's data model; default a fresh copy-on-write home gateway (createHomeGatewayModel()). */
  model?: DataModel;
  /** Default OBUSPA_PROTOCOL_VERSIONS. */
  protocolVersions?: string;
  /** Record.version of everything sent; default OBUSPA_RECORD_VERSION. */
  recordVersion?: string;
  /** How long simulated async commands (IPPing()…) run; default 1000 ms. */
  asyncCommandMs?: number;
  /** Overrides USPNotifRetryMinimumWaitInterval (5 s) so tests can watch Notify retries; the multiplier still comes from the model. */
  notifRetryMinWaitMs?: number;
  /** Period of the internal clock (UpTime, counters, Periodic!, subscription TimeToLive); default 1000 ms, 0 = off. */
  tickMs?: number;
  /** Send OnBoardRequest after Boot! as obuspa does on a fresh start; default true. */
  onBoardRequest?: boolean;
  /** Delay between Reboot()/FactoryReset()'s OperateResp and the restart; default 100 ms. */
  restartDelayMs?: number;
  now?: () => Date;
  /** E2E session context settings towards the controller; default SessionMode Forbid, as obuspa's default build. */
  e2eSession?: SimE2ESession;
}

export interface SimAgentEvents {
  /** Something was dropped or could not be sent; the agent keeps running. */
  warning: [message: string];
  /** The agent (re)booted and sent its connect record and Boot!. */
  booted: [cause: string];
}

interface BootCause {
  cause: string;
  reason: string;
  commandKey: string;
  firmwareUpdated: boolean;
}

/**
 * A simulated USP Agent on the real usp/ and mtp/ code: serves its data model to the
 * controllers provisioned in Device.LocalAgent.Controller, answers every request on the
 * address it came from, and sends Boot!, OnBoardRequest and subscribed notifications.
 */
export class SimAgent extends EventEmitter<SimAgentEvents> {
  readonly endpointId: string;
  readonly model: DataModel;
  private readonly transport: Transport;
  private readonly sender: NotifySender;
  private readonly subscriptions: SubscriptionEngine;
  private readonly commands: SimCommands;
  private readonly sessions: SimSessions;
  private readonly now: () => Date;
  private originator = '';
  private running = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private bootedAt = 0;
  private readonly lastPeriodic = new Map<string, number>();
  // A fresh simulator starts like obuspa on a new database (capture mqtt_02: Cause LocalFactoryReset).
  private nextBoot: BootCause = { cause: 'LocalFactoryReset', reason: 'Unknown', commandKey: '', firmwareUpdated: false };
  private readonly onRecordListener = (record: InboundRecord) => this.onRecord(record);
  private readonly onLinkListener = (state: string) => {
    // R-MTP.6/8: a new MTP session starts with the connect record.
    if (state === 'up' && this.running) this.sendConnectRecord();
  };

  constructor(private readonly options: SimAgentOptions) {
    super();
    this.endpointId = options.endpointId;
    this.transport = options.transport;
    this.now = options.now ?? (() => new Date());
    this.model = options.model ?? createHomeGatewayModel();
    provisionLocalAgent(this.model, options.endpointId, options.controllerId, options.mtp, serialOf(options.endpointId), options.e2eSession);
    this.sessions = new SimSessions(this.model, options.endpointId, this.recordVersion, (controllerId) => this.controllerRow(controllerId), () => this.now().getTime());
    this.sender = new NotifySender(
      (controllerId, msg) => this.sendMsg(controllerId, msg, null),
      (controllerId) => this.retryPolicy(controllerId),
      this.now,
    );
    this.subscriptions = new SubscriptionEngine(this.model, this.sender);
    this.model.onChange((change) => {
      if (this.running) this.subscriptions.handleChange(change);
    });
    this.commands = new SimCommands(
      () => this.model,
      () => this.originator,
      {
        operationComplete: (obj, name, key, outcome) => this.subscriptions.operationComplete(obj, name, key, outcome),
        restart: (kind, cause, reason, commandKey, firmwareUpdated) => this.scheduleRestart(kind, { cause, reason, commandKey, firmwareUpdated }),
        event: (obj, name, params) => this.subscriptions.event(obj, name, () => params),
        sendOnBoardRequest: (row) => this.sendOnBoardRequest(this.model.get(`${row}.EndpointID`) ?? ''),
      },
      options.asyncCommandMs ?? 1000,
      this.now,
    );
  }

  /** Connects, sends the connect record, Boot! (to Boot! subscribers) and OnBoardRequest. */
  async start(): Promise<void> {
    if (this.running) return;
    this.transport.on('record', this.onRecordListener);
    this.transport.on('link', this.onLinkListener);
    await this.transport.start();
    this.running = true;
    this.sendConnectRecord();
    this.boot();
    const tickMs = this.options.tickMs ?? 1000;
    if (tickMs > 0) {
      this.tickTimer = setInterval(() => this.tick(), tickMs);
      this.tickTimer.unref();
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.tickTimer);
    this.commands.stopAll();
    this.sender.stop();
    this.transport.off('record', this.onRecordListener);
    this.transport.off('link', this.onLinkListener);
    await this.transport.stop();
  }

  /** Notify msg_ids still waiting for a NotifyResp. */
  get unacknowledgedNotifications(): string[] {
    return this.sender.unacknowledged;
  }

  private boot(): void {
    const boot = this.nextBoot;
    this.bootedAt = this.now().getTime();
    this.lastPeriodic.clear();
    // Boot! once per start, after the MTP is up.
    this.subscriptions.event('Device.', 'Boot!', (controllerId) => ({
      CommandKey: boot.commandKey,
      Cause: boot.cause,
      Reason: boot.reason,
      FirmwareUpdated: String(boot.firmwareUpdated),
      ParameterMap: this.subscriptions.bootParameterMap(controllerId),
    }));
    // Non-persistent subscriptions go at start-up, after Boot! processing.
    this.subscriptions.dropNonPersistent();
    if (this.options.onBoardRequest ?? true) {
      for (const n of this.model.instances('Device.LocalAgent.Controller.')) {
        const row = `Device.LocalAgent.Controller.${n}.`;
        if (this.model.get(`${row}Enable`) === 'true' && this.model.get(`${row}OnBoardingComplete`) !== 'true') {
          this.sendOnBoardRequest(this.model.get(`${row}EndpointID`) ?? '');
        }
      }
    }
    this.nextBoot = { cause: 'LocalReboot', reason: 'Unknown', commandKey: '', firmwareUpdated: false };
    this.emit('booted', boot.cause);
  }

  /** OnBoardRequest: send_resp always true, retried until NotifyResp. */
  private sendOnBoardRequest(controllerId: string): void {
    if (controllerId === '') return;
    this.sender.notify(controllerId, 'OnBoardRequest', '', true, {
      kind: 'on_board_req',
      oui: this.model.get('Device.DeviceInfo.ManufacturerOUI') ?? '',
      productClass: this.model.get('Device.DeviceInfo.ProductClass') ?? '',
      serialNumber: this.model.get('Device.DeviceInfo.SerialNumber') ?? '',
      agentSupportedProtocolVersions: this.options.protocolVersions ?? OBUSPA_PROTOCOL_VERSIONS,
    });
  }

  private scheduleRestart(kind: 'reboot' | 'factoryReset', cause: BootCause): void {
    setTimeout(() => void this.restart(kind, cause), this.options.restartDelayMs ?? 100).unref();
  }

  /** Reboot: async commands and pending retries do not survive it; FactoryReset also returns the model to its seed. */
  private async restart(kind: 'reboot' | 'factoryReset', cause: BootCause): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.tickTimer);
    this.commands.stopAll();
    this.sender.stop();
    // Session contexts live in memory only: a rebooted agent has none (the controller restarts them, R-E2E.24).
    this.sessions.reset();
    try {
      await this.transport.stop();
      if (kind === 'factoryReset') {
        this.model.store.reset();
        provisionLocalAgent(this.model, this.endpointId, this.options.controllerId, this.options.mtp, serialOf(this.endpointId), this.options.e2eSession);
      }
      this.nextBoot = cause;
      this.transport.off('record', this.onRecordListener);
      this.transport.off('link', this.onLinkListener);
      await this.start();
    } catch (error) {
      this.emit('warning', `restart failed: ${(error as Error).message}`);
    }
  }

  private tick(): void {
    const now = this.now();
    const upSeconds = Math.floor((now.getTime() - this.bootedAt) / 1000);
    this.model.setValue('Device.DeviceInfo.', 'UpTime', String(upSeconds));
    this.model.setValue('Device.LocalAgent.', 'UpTime', String(upSeconds));
    advanceCounters(this.model, (this.options.tickMs ?? 1000) / 1000);
    this.subscriptions.expire(now);
    // Device.LocalAgent.Periodic! per controller every PeriodicNotifInterval seconds.
    for (const n of this.model.instances('Device.LocalAgent.Controller.')) {
      const row = `Device.LocalAgent.Controller.${n}.`;
      const controllerId = this.model.get(`${row}EndpointID`) ?? '';
      const interval = Number(this.model.get(`${row}PeriodicNotifInterval`) ?? '0') * 1000;
      const last = this.lastPeriodic.get(controllerId) ?? this.bootedAt;
      if (interval > 0 && now.getTime() - last >= interval) {
        this.lastPeriodic.set(controllerId, now.getTime());
        this.subscriptions.event('Device.LocalAgent.', 'Periodic!', () => ({}), (c) => c === controllerId);
      }
    }
    for (const { controllerId, output } of this.sessions.tick()) this.sendSessionOutput(controllerId, output, null);
  }

  private retryPolicy(controllerId: string): RetryPolicy {
    const row = this.controllerRow(controllerId);
    const m = Number((row && this.model.get(`${row}USPNotifRetryMinimumWaitInterval`)) ?? '5');
    const k = Number((row && this.model.get(`${row}USPNotifRetryIntervalMultiplier`)) ?? '2000');
    return { minWaitMs: this.options.notifRetryMinWaitMs ?? m * 1000, multiplier: k / 1000 };
  }

  private controllerRow(controllerId: string): string | undefined {
    for (const n of this.model.instances('Device.LocalAgent.Controller.')) {
      const row = `Device.LocalAgent.Controller.${n}.`;
      if (this.model.get(`${row}EndpointID`) === controllerId) return row;
    }
    return undefined;
  }

  /** Where notifications to a controller go: its first enabled Controller.{i}.MTP row (obuspa: no fan-out). */
  private controllerAddress(controllerId: string): MtpAddress | undefined {
    const row = this.controllerRow(controllerId);
    if (!row || this.model.get(`${row}Enable`) !== 'true') return undefined;
    for (const n of this.model.instances(`${row}MTP.`)) {
      const mtp = `${row}MTP.${n}.`;
      if (this.model.get(`${mtp}Enable`) !== 'true') continue;
      const protocol = this.model.get(`${mtp}Protocol`);
      if (protocol === 'MQTT' && this.transport.kind === 'mqtt') return this.transport.addressFor(this.model.get(`${mtp}MQTT.Topic`) ?? '');
      if (protocol === 'STOMP' && this.transport.kind === 'stomp') return this.transport.addressFor(this.model.get(`${mtp}STOMP.Destination`) ?? '');
      if (protocol === 'WebSocket' && this.options.mtp.kind === 'websocket') return this.transport.addressFor(this.options.mtp.url);
    }
    return undefined;
  }

  private sendConnectRecord(): void {
    const mtp = this.options.mtp;
    const to = this.controllerAddress(this.options.controllerId);
    if (!to) return;
    const addressing = { toId: this.options.controllerId, fromId: this.endpointId, version: this.recordVersion };
    const bytes =
      mtp.kind === 'mqtt'
        ? buildConnectRecord('mqtt', { ...addressing, mqttVersion: mtp.version === '5' ? 'V5' : 'V3_1_1', subscribedTopic: mtp.agentTopic })
        : mtp.kind === 'stomp'
          ? buildConnectRecord('stomp', { ...addressing, stompDestination: mtp.agentDestination })
          : buildConnectRecord('websocket', addressing);
    this.sendBytes(to, bytes);
  }

  private get recordVersion(): string {
    return this.options.recordVersion ?? OBUSPA_RECORD_VERSION;
  }

  /**
   * `inSession`: how the request being answered came. R-MSG.0a: a request without session context
   * is answered without one, unless SessionMode is Require; notifications use the context when one is open.
   */
  private sendMsg(controllerId: string, msg: usp.IMsg, replyTo: MtpAddress | null, inSession?: boolean): void {
    const to = replyTo ?? this.controllerAddress(controllerId);
    if (!to) {
      this.emit('warning', `no MTP address for controller ${controllerId}; message ${msg.header?.msg_id ?? ''} not sent`);
      return;
    }
    const session = this.sessions.mode(controllerId) === 'Require' || (inSession ?? this.sessions.uses(controllerId));
    if (session) {
      try {
        this.sendSessionOutput(controllerId, this.sessions.send(controllerId, encodeMsg(msg)), to);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        this.emit('warning', `message ${msg.header?.msg_id ?? ''} to ${controllerId} not sent: ${error.message}`);
      }
      return;
    }
    this.sendBytes(to, buildMsgRecord({ toId: controllerId, fromId: this.endpointId, version: this.recordVersion, msg }));
  }

  /** Sends the Records a session step produced and answers the Msgs it completed. */
  private sendSessionOutput(controllerId: string, output: SessionOutput, replyTo: MtpAddress | null): void {
    if (output.restarted !== null) this.emit('warning', `E2E session with ${controllerId} restarted: ${output.restarted}`);
    const to = replyTo ?? this.controllerAddress(controllerId);
    if (to) for (const bytes of output.records) this.sendBytes(to, bytes);
    else if (output.records.length > 0) this.emit('warning', `no MTP address for controller ${controllerId}; ${output.records.length} session Records not sent`);
    for (const payload of output.messages) this.answerPayload(controllerId, payload, replyTo, true);
  }

  private sendBytes(to: MtpAddress, bytes: Uint8Array): void {
    this.transport.send(to, bytes).catch((error: unknown) => this.emit('warning', `send to ${to.target} failed: ${(error as Error).message}`));
  }

  private isKnownController(endpointId: string): boolean {
    return endpointId !== '' && this.controllerRow(endpointId) !== undefined;
  }

  /** One inbound Record (as obuspa handles the Record layer). */
  private onRecord(inbound: InboundRecord): void {
    if (!this.running) return;
    let record: usp_record.Record;
    try {
      record = decodeRecord(inbound.bytes);
    } catch (error) {
      // R-MTP.5: without a readable Record there is nothing to answer; drop it.
      if (error instanceof UspDecodeError) {
        this.emit('warning', `undecodable Record dropped: ${error.message}`);
        return;
      }
      throw error;
    }
    if (record.to_id !== this.endpointId || !this.isKnownController(record.from_id)) {
      this.emit('warning', `Record from "${record.from_id}" to "${record.to_id}" dropped: not for us or from an unknown controller`);
      return;
    }
    const from = record.from_id;
    const replyTo = inbound.replyTo;
    const disconnect = (reasonCode: number, reason: string) => {
      const to = replyTo ?? this.controllerAddress(from);
      if (to) this.sendBytes(to, buildDisconnectRecord({ toId: from, fromId: this.endpointId, version: this.recordVersion, reason, reasonCode }));
    };
    switch (record.record_type) {
      case 'disconnect':
        this.sessions.reset(from);
        disconnect(USP_ERR_SESSION_CONTEXT_TERMINATED, 'USP Disconnect record received. Disconnecting.');
        return;
      case 'session_context': {
        let output: SessionOutput | null;
        try {
          output = record.session_context ? this.sessions.receive(from, readSessionRecord(record.session_context)) : null;
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

  private answerPayload(from: string, payload: Uint8Array | null | undefined, replyTo: MtpAddress | null, inSession: boolean): void {
    if (!payload || payload.length === 0) {
      this.emit('warning', `Record from ${from} without a Msg dropped`);
      return;
    }
    let msg: usp.Msg;
    try {
      msg = decodeMsg(payload);
    } catch (error) {
      // The msg_id cannot be read, so R-MTP.5 allows no Error reply.
      if (error instanceof UspDecodeError) {
        this.emit('warning', `undecodable Msg from ${from} dropped: ${error.message}`);
        return;
      }
      throw error;
    }
    this.answer(from, msg, replyTo, inSession);
  }

  private answer(from: string, msg: usp.IMsg, replyTo: MtpAddress | null, inSession: boolean): void {
    this.originator = from;
    const ctx: HandlerContext = {
      model: this.model,
      controllerId: from,
      readSecured: false,
      commands: this.commands,
      protocolVersions: this.options.protocolVersions ?? OBUSPA_PROTOCOL_VERSIONS,
      now: this.now,
    };
    const reply = dispatchMessage(ctx, { notifyResp: (msgId) => this.sender.acknowledged(msgId) }, msg);
    // Replies go back where the request came from (MQTT reply-to / STOMP reply-to-dest), else to the configured controller address.
    if (reply) this.sendMsg(from, reply, replyTo, inSession);
  }
}
