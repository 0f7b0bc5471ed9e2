import type { MtpAddress, Transport } from '../mtp/transport';
import type { DataModel } from './model/data-model';
import type { RetryPolicy } from './notify/notify-sender';
import type { SimMtp } from './provision';

/** What the agent looks up about a controller in its Device.LocalAgent.Controller.{i}. rows. */
export class ControllerLookup {
  constructor(
    private readonly model: DataModel,
    private readonly transport: Transport,
    private readonly mtp: SimMtp,
    /** Overrides USPNotifRetryMinimumWaitInterval (tests). */
    private readonly notifRetryMinWaitMs: number | undefined,
  ) {}

  /** The controller's row, e.g. "Device.LocalAgent.Controller.1.". */
  row(controllerId: string): string | undefined {
    for (const n of this.model.instances('Device.LocalAgent.Controller.')) {
      const row = `Device.LocalAgent.Controller.${n}.`;
      if (this.model.get(`${row}EndpointID`) === controllerId) return row;
    }
    return undefined;
  }

  isKnown(endpointId: string): boolean {
    return endpointId !== '' && this.row(endpointId) !== undefined;
  }

  /** Where notifications to a controller go: its first enabled Controller.{i}.MTP row (obuspa: no fan-out). */
  address(controllerId: string): MtpAddress | undefined {
    const row = this.row(controllerId);
    if (!row || this.model.get(`${row}Enable`) !== 'true') return undefined;
    for (const n of this.model.instances(`${row}MTP.`)) {
      const mtp = `${row}MTP.${n}.`;
      if (this.model.get(`${mtp}Enable`) !== 'true') continue;
      const protocol = this.model.get(`${mtp}Protocol`);
      if (protocol === 'MQTT' && this.transport.kind === 'mqtt') return this.transport.addressFor(this.model.get(`${mtp}MQTT.Topic`) ?? '');
      if (protocol === 'STOMP' && this.transport.kind === 'stomp') return this.transport.addressFor(this.model.get(`${mtp}STOMP.Destination`) ?? '');
      if (protocol === 'WebSocket' && this.mtp.kind === 'websocket') return this.transport.addressFor(this.mtp.url);
    }
    return undefined;
  }

  /** The controller's Notify retry parameters (USPNotifRetryMinimumWaitInterval, USPNotifRetryIntervalMultiplier). */
  retryPolicy(controllerId: string): RetryPolicy {
    const row = this.row(controllerId);
    const m = Number((row && this.model.get(`${row}USPNotifRetryMinimumWaitInterval`)) ?? '5');
    const k = Number((row && this.model.get(`${row}USPNotifRetryIntervalMultiplier`)) ?? '2000');
    return { minWaitMs: this.notifRetryMinWaitMs ?? m * 1000, multiplier: k / 1000 };
  }
}
