import { TLSSocket } from 'node:tls';
import { connect, type IClientOptions, type IConnackPacket, type IPublishPacket, type MqttClient } from 'mqtt';
import type { BackoffOptions } from '../backoff';
import { asBuffer, asUint8Array } from '../bytes';
import type { TlsFiles } from '../tls-files';
import { ReconnectingClientTransport, type ReconnectingClientOptions } from '../reconnecting-client-transport';
import { profileName, TransportError, type MtpAddress, type Transport } from '../transport';
import { describeTlsSocket, isTlsCheckFailure } from '../peer-tls';
import { splitReplyTo, withReplyTo } from './reply-to-topic';

export interface MqttTransportOptions extends ReconnectingClientOptions {
  id: string;
  /** The profile's name, in the words shown to people (describe). */
  name?: string;
  /** Broker URL: mqtt://host:port or mqtts://host:port (ws:// and wss:// for MQTT over WebSocket). */
  url: string;
  /**
   * MQTT ClientId, reused on every reconnect (R-MQTT.11). Empty: MQTT 5 lets the broker
   * assign one (R-MQTT.9); MQTT 3.1.1 uses endpointId instead (R-MQTT.8).
   */
  clientId: string;
  username?: string;
  password?: string;
  /** For mqtts://: CA to trust and, if the broker wants one, our client certificate. */
  tls?: TlsFiles;
  /** 5 = MQTT 5.0 (R-MQTT.1), 4 = MQTT 3.1.1 (R-MQTT.2). */
  protocolVersion: 4 | 5;
  /**
   * Topic filters to subscribe to, wildcards allowed. A controller typically subscribes to
   * its topic (MQTT 5) or `<its topic>/#` (3.1.1, where agents append `/reply-to=…`).
   */
  subscriptions: string[];
  /** Our own exact topic, announced as Response Topic (5) or `/reply-to=` suffix (3.1.1) on every publish. */
  replyTopic: string;
  /** Our Endpoint ID: MQTT 5 CONNECT user property `usp-endpoint-id` (R-MQTT.13). */
  endpointId?: string;
  /**
   * MQTT 5: set Request Response Information (R-MQTT.12); a Response Information topic in
   * the CONNACK then becomes our reply topic and is subscribed to (R-MQTT.21).
   */
  requestResponseInformation?: boolean;
  /** QoS for publishes and subscriptions (R-MQTT.20); default 0, as obuspa. */
  qos?: 0 | 1;
  /** MQTT keep-alive in seconds (R-MQTT.14); default 60, 0 disables. */
  keepAliveSeconds?: number;
  /** Give up a connection attempt after this long; default 10000. */
  connectTimeoutMs?: number;
  /** Reconnect back-off after the broker drops us; default 1 s doubling up to 60 s. */
  reconnect?: BackoffOptions;
}

/** Content Types a receiver MUST accept as USP Records (R-MQTT.27a). */
const USP_CONTENT_TYPES = new Set(['usp.msg', 'application/vnd.bbf.usp.msg']);

/**
 * MQTT MTP: one client per broker profile. Peers are addressed by topic
 * (MtpAddress.target = the peer's topic, without any `/reply-to=` suffix). Usable by the
 * controller and by simulated agents alike; the options say what we subscribe to and what
 * reply topic we advertise. After the first successful start it reconnects with back-off
 * and subscribes again whenever the broker session drops.
 */
export class MqttTransport extends ReconnectingClientTransport implements Transport {
  readonly kind = 'mqtt' as const;
  readonly id: string;
  private client: MqttClient | undefined;
  private clientId: string;
  /** Our reply topic: the configured one, or the broker's Response Information. */
  private replyTopic: string;

  constructor(private readonly options: MqttTransportOptions) {
    super(options.reconnect, options.retryInitialConnect);
    this.id = options.id;
    let protocol: string;
    try {
      protocol = new URL(options.url).protocol;
    } catch (error) {
      throw new TransportError(`invalid MQTT broker URL ${options.url}`, options.id, { cause: error });
    }
    if (!['mqtt:', 'mqtts:', 'ws:', 'wss:'].includes(protocol)) {
      throw new TransportError(`MQTT broker URL must start with mqtt://, mqtts://, ws:// or wss://, not ${protocol}//`, options.id);
    }
    this.replyTopic = options.replyTopic;
    this.clientId = options.clientId === '' && options.protocolVersion === 4 ? (options.endpointId ?? '') : options.clientId;
  }

  /** Where peers reach us: our reply topic (the broker's Response Information when it gave one). */
  get ownAddress(): MtpAddress {
    return this.addressFor(this.replyTopic);
  }

  addressFor(target: string): MtpAddress {
    return { transportId: this.id, kind: 'mqtt', target };
  }

  describe(address: MtpAddress): string {
    return `MQTT broker${profileName(this.options.name)} at ${new URL(this.options.url).host}, topic ${address.target}`;
  }

  protected override tlsFiles(): TlsFiles | undefined {
    return this.options.tls;
  }

  protected closeSession(): Promise<void> | undefined {
    const client = this.client;
    this.client = undefined;
    // R-MQTT.35: send DISCONNECT when closing; force it if the broker is gone.
    if (client === undefined) return undefined;
    return new Promise<void>((resolve) => {
      if (!client.connected) {
        client.end(true, () => resolve());
        return;
      }
      const timer = setTimeout(() => client.end(true, () => resolve()), 2_000);
      client.end(false, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async send(to: MtpAddress, bytes: Uint8Array): Promise<void> {
    const client = this.client;
    if (client === undefined || this.linkState !== 'up') {
      throw new TransportError(`MQTT broker ${this.options.url} is not connected; cannot publish to ${to.target}`, this.id);
    }
    const v5 = this.options.protocolVersion === 5;
    // R-MQTT.22/23/27: every Record carries our reply topic and Content Type usp.msg (5);
    // 3.1.1 puts the reply topic in the topic name (R-MQTT.24).
    const topic = v5 ? to.target : withReplyTo(to.target, this.replyTopic);
    const publishOptions = v5
      ? { qos: this.qos, retain: false, properties: { contentType: 'usp.msg', responseTopic: this.replyTopic } }
      : { qos: this.qos, retain: false };
    await new Promise<void>((resolve, reject) => {
      client.publish(topic, asBuffer(bytes), publishOptions, (error) => {
        if (error === undefined || error === null) resolve();
        else reject(new TransportError(`publishing to ${to.target} via ${this.options.url} failed: ${error.message}`, this.id, { cause: error }));
      });
    });
  }

  private get qos(): 0 | 1 {
    return this.options.qos ?? 0;
  }

  /**
   * One broker session: connect, subscribe, then "up". Resolves when up; rejects with a
   * TransportError if the session fails before that. A session that drops later, or a
   * failed reconnect, schedules the next attempt.
   */
  protected connectOnce(initial: boolean): Promise<void> {
    this.setState('connecting', `connecting to ${this.options.url}`);
    const client = connect(this.options.url, this.clientOptions());
    this.client = client;
    return new Promise<void>((resolve, reject) => {
      let up = false;
      let failure: string | undefined;
      client.on('error', (error) => {
        failure = this.describeError(error as Error & { code?: string | number });
      });
      client.on('connect', (connack: IConnackPacket) => {
        // The broker's certificate: it authenticates the broker, not the agents behind it (R-E2E.28).
        this.linkTls = client.stream instanceof TLSSocket ? describeTlsSocket(client.stream, false) : undefined;
        const assigned = connack.properties?.assignedClientIdentifier;
        if (assigned !== undefined && this.clientId === '') this.clientId = assigned;
        this.replyTopic = connack.properties?.responseInformation || this.options.replyTopic;
        this.subscribeAll(client, connack).then(
          () => {
            up = true;
            this.linkUp(`connected to ${this.options.url}`);
            resolve();
          },
          (error: Error) => {
            // R-MQTT.17: without subscriptions we must not publish; drop the session and retry.
            failure = `subscribing on ${this.options.url} failed: ${error.message}`;
            client.end(true);
          },
        );
      });
      client.on('message', (topic, payload, packet) => this.receive(topic, payload, packet));
      let closed = false;
      client.on('close', () => {
        if (closed) return;
        closed = true;
        const why = failure ?? `lost the connection to MQTT broker ${this.options.url}`;
        // Settle the attempt even when stop() got there first, so start() never hangs.
        if (!up) reject(new TransportError(this.stopped ? `stopped before ${this.options.url} was connected` : why, this.id));
        if (this.client !== client) return;
        client.end(true);
        this.client = undefined;
        this.retryAfterClose(initial, up, why);
      });
    });
  }

  private clientOptions(): IClientOptions {
    const options: IClientOptions = {
      protocolVersion: this.options.protocolVersion,
      clientId: this.clientId,
      clean: true,
      keepalive: this.options.keepAliveSeconds ?? 60,
      connectTimeout: this.options.connectTimeoutMs ?? 10_000,
      // Reconnects are ours (back-off, fresh subscriptions), not MQTT.js's fixed-period ones.
      reconnectPeriod: 0,
      resubscribe: false,
      queueQoSZero: false,
      ...(this.tls ?? {}),
    };
    if (this.options.username !== undefined) options.username = this.options.username;
    if (this.options.password !== undefined) options.password = this.options.password;
    if (this.options.protocolVersion === 5) {
      options.properties = {
        ...(this.options.endpointId === undefined ? {} : { userProperties: { 'usp-endpoint-id': this.options.endpointId } }),
        ...(this.options.requestResponseInformation === true ? { requestResponseInformation: true } : {}),
      };
    }
    return options;
  }

  /** Configured filters, any CONNACK `subscribe-topic` user properties, and Response Information (R-MQTT.15). */
  private async subscribeAll(client: MqttClient, connack: IConnackPacket): Promise<void> {
    const fromBroker = connack.properties?.userProperties?.['subscribe-topic'];
    const filters = new Set(this.options.subscriptions);
    for (const f of fromBroker === undefined ? [] : Array.isArray(fromBroker) ? fromBroker : [fromBroker]) filters.add(f);
    const responseInformation = connack.properties?.responseInformation;
    if (responseInformation) filters.add(responseInformation);
    // `X/#` also matches `X` itself, and brokers deliver once per matching subscription:
    // drop `X` when `X/#` is there so no Record arrives twice.
    for (const f of [...filters]) if (filters.has(`${f}/#`)) filters.delete(f);
    if (filters.size === 0) throw new Error('no topic to subscribe to (R-MQTT.16)');
    const properties = this.options.protocolVersion === 5 && this.options.endpointId !== undefined
      ? { userProperties: { 'usp-endpoint-id': this.options.endpointId } }
      : undefined;
    const granted = await client.subscribeAsync([...filters], properties === undefined ? { qos: this.qos } : { qos: this.qos, properties });
    const refused = granted.filter((g) => g.qos > 2).map((g) => g.topic);
    if (refused.length === filters.size) throw new Error(`the broker refused every subscription (${refused.join(', ')})`);
    if (refused.length > 0) this.emit('warning', `MQTT broker ${this.options.url} refused the subscriptions ${refused.join(', ')}`);
  }

  private receive(rawTopic: string, payload: Buffer, packet: IPublishPacket): void {
    const contentType = packet.properties?.contentType;
    if (contentType !== undefined && !USP_CONTENT_TYPES.has(contentType)) {
      // e.g. obuspa's Bulk Data reports (application/json) or the deprecated usp.error path.
      this.emit('warning', `ignored a PUBLISH on ${rawTopic} with Content Type ${contentType}: not a USP Record`);
      return;
    }
    if (payload.length === 0) {
      this.emit('warning', `ignored an empty PUBLISH on ${rawTopic}`);
      return;
    }
    const { replyTo: suffixReply } = splitReplyTo(rawTopic);
    // R-MQTT.26: reply to the Response Topic (5); R-MQTT.25: or to the reply-to suffix (3.1.1).
    const replyTopic = packet.properties?.responseTopic ?? suffixReply;
    this.emit(
      'record',
      this.withTls({
        bytes: asUint8Array(payload),
        replyTo: replyTopic === undefined ? null : this.addressFor(replyTopic),
        receivedAt: Date.now(),
      }),
    );
  }

  private describeError(error: Error & { code?: string | number }): string {
    if (typeof error.code === 'number') {
      const why = error.message.replace(/^Connection refused:\s*/i, '').toLowerCase();
      return `MQTT broker ${this.options.url} refused the connection: ${why}`;
    }
    if (isTlsCheckFailure(error)) {
      return `MQTT broker ${this.options.url} failed the TLS check: ${error.message}`;
    }
    return `MQTT broker ${this.options.url} is unreachable: ${error.message}`;
  }
}
