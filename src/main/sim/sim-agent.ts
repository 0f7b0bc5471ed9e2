import { EventEmitter } from 'node:events';
import type { InboundRecord, Transport } from '../mtp/transport';
import { bootImage, pendingBootImage } from './commands/firmware';
import { SimCommands } from './commands/sim-commands';
import { SimFaults } from './faults';
import { ControllerLookup } from './controller-lookup';
import { createHomeGatewayModel } from './model/builtin-model';
import type { DataModel } from './model/data-model';
import { NotifySender } from './notify/notify-sender';
import { SubscriptionEngine } from './notify/subscriptions';
import { advanceCounters, serialOf } from './live-values';
import { provisionLocalAgent, type SimE2ESession, type SimMtp } from './provision';
import { SimRecordLayer } from './record-layer';
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
  /** How long a restarting agent stays disconnected before it connects again and sends Boot!; default 1000 ms. */
  rebootDelayMs?: number;
  /** Injected firmware failures (`sim --faults`); none by default. */
  faults?: SimFaults;
  /** FirmwareImage Download() fetches http(s) URLs for real (bounded size and time) and checks FileSize and CheckSum. */
  fetchFirmware?: boolean;
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

/** Why the agent restarts, and the firmware image it should come back on (null: the one it runs). */
type RestartCause = Omit<BootCause, 'firmwareUpdated'> & { bootImage: string | null };

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
  private readonly controllers: ControllerLookup;
  private readonly records: SimRecordLayer;
  private readonly now: () => Date;
  private running = false;
  private tickTimer: NodeJS.Timeout | undefined;
  private rebootTimer: NodeJS.Timeout | undefined;
  private readonly faults: SimFaults;
  private bootedAt = 0;
  private readonly lastPeriodic = new Map<string, number>();
  // A fresh simulator starts like obuspa on a new database (capture mqtt_02: Cause LocalFactoryReset).
  private nextBoot: BootCause = { cause: 'LocalFactoryReset', reason: 'Unknown', commandKey: '', firmwareUpdated: false };
  private readonly onRecordListener = (record: InboundRecord) => {
    if (this.running) this.records.onRecord(record);
  };
  private readonly onLinkListener = (state: string) => {
    // R-MTP.6/8: a new MTP session starts with the connect record.
    if (state === 'up' && this.running) this.records.sendConnectRecord();
  };

  constructor(private readonly options: SimAgentOptions) {
    super();
    this.endpointId = options.endpointId;
    this.transport = options.transport;
    this.now = options.now ?? (() => new Date());
    this.model = options.model ?? createHomeGatewayModel();
    this.faults = options.faults ?? new SimFaults();
    provisionLocalAgent(this.model, options.endpointId, options.controllerId, options.mtp, serialOf(options.endpointId), options.e2eSession);
    const recordVersion = options.recordVersion ?? OBUSPA_RECORD_VERSION;
    this.controllers = new ControllerLookup(this.model, this.transport, options.mtp, options.notifRetryMinWaitMs);
    this.sessions = new SimSessions(this.model, options.endpointId, recordVersion, (controllerId) => this.controllers.row(controllerId), () => this.now().getTime());
    this.sender = new NotifySender(
      (controllerId, msg) => this.records.sendMsg(controllerId, msg, null),
      (controllerId) => this.controllers.retryPolicy(controllerId),
      this.now,
    );
    this.subscriptions = new SubscriptionEngine(this.model, this.sender);
    this.model.onChange((change) => {
      if (this.running) this.subscriptions.handleChange(change);
    });
    this.commands = new SimCommands(
      () => this.model,
      {
        operationComplete: (obj, name, key, outcome) => this.subscriptions.operationComplete(obj, name, key, outcome),
        restart: (kind, cause, reason, commandKey, image) => this.scheduleRestart(kind, { cause, reason, commandKey, bootImage: image }),
        event: (obj, name, params) => this.subscriptions.event(obj, name, () => params),
        sendOnBoardRequest: (row) => this.sendOnBoardRequest(this.model.get(`${row}.EndpointID`) ?? ''),
      },
      options.asyncCommandMs ?? 1000,
      this.now,
      { faults: this.faults, fetchImages: options.fetchFirmware ?? false },
    );
    this.records = new SimRecordLayer({
      endpointId: options.endpointId,
      controllerId: options.controllerId,
      mtp: options.mtp,
      transport: this.transport,
      model: this.model,
      controllers: this.controllers,
      sessions: this.sessions,
      commands: this.commands,
      recordVersion,
      protocolVersions: options.protocolVersions ?? OBUSPA_PROTOCOL_VERSIONS,
      now: this.now,
      notifyAcknowledged: (msgId) => this.sender.acknowledged(msgId),
      warn: (message) => this.emit('warning', message),
    });
  }

  /** Connects, sends the connect record, Boot! (to Boot! subscribers) and OnBoardRequest. */
  async start(): Promise<void> {
    if (this.running) return;
    this.transport.on('record', this.onRecordListener);
    this.transport.on('link', this.onLinkListener);
    await this.transport.start();
    this.running = true;
    this.records.sendConnectRecord();
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
    clearTimeout(this.rebootTimer);
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

  private scheduleRestart(kind: 'reboot' | 'factoryReset', cause: RestartCause): void {
    setTimeout(() => void this.restart(kind, cause), this.options.restartDelayMs ?? 100).unref();
  }

  /**
   * Reboot: the connection drops, async commands and pending retries do not survive it, and the
   * agent connects again after rebootDelayMs and sends Boot!. It comes back on `bootImage` (or on
   * BootFirmwareImage when that names another image), unless a fault keeps it on the old image or
   * down. FactoryReset also returns the model to its seed.
   */
  private async restart(kind: 'reboot' | 'factoryReset', cause: RestartCause): Promise<void> {
    if (!this.running) return;
    this.running = false;
    clearInterval(this.tickTimer);
    this.commands.stopAll();
    this.sender.stop();
    // Session contexts live in memory only: a rebooted agent has none (the controller restarts them, R-E2E.24).
    this.sessions.reset();
    try {
      await this.transport.stop();
      this.transport.off('record', this.onRecordListener);
      this.transport.off('link', this.onLinkListener);
      if (kind === 'factoryReset') {
        this.model.store.reset();
        provisionLocalAgent(this.model, this.endpointId, this.options.controllerId, this.options.mtp, serialOf(this.endpointId), this.options.e2eSession);
      }
      const image = cause.bootImage ?? (kind === 'reboot' ? pendingBootImage(this.model) : null);
      if (image !== null && this.faults.hits('no-boot')) {
        this.emit('warning', `does not come back after the reboot into ${image.slice(0, -1)} (no-boot fault)`);
        return;
      }
      const firmwareUpdated = image !== null && bootImage(this.model, image, this.faults.hits('boot-old-image'));
      this.nextBoot = { cause: cause.cause, reason: cause.reason, commandKey: cause.commandKey, firmwareUpdated };
      await new Promise<void>((resolve) => {
        this.rebootTimer = setTimeout(resolve, this.options.rebootDelayMs ?? 1000);
      });
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
    for (const { controllerId, output } of this.sessions.tick()) this.records.sendSessionOutput(controllerId, output, null);
  }
}
