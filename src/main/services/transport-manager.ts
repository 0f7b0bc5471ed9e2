import type { TransportKind, TransportState, TransportStatus } from '../../shared/console-api';
import type { Controller } from '../controller';
import { MqttTransport } from '../mtp/mqtt/mqtt-transport';
import { receiveFilters } from '../mtp/mqtt/reply-to-topic';
import { StompTransport } from '../mtp/stomp/stomp-transport';
import type { LinkState, Transport } from '../mtp/transport';
import { WsServerTransport } from '../mtp/websocket/ws-server-transport';
import { clientTls, listenerTls } from '../services/certificates/profile-tls';
import type { EventHub } from './event-hub';
import type { StoredSettings } from './settings-service';

interface Running {
  transport: Transport;
  /** The profile as applied, to notice edits. */
  fingerprint: string;
  status: TransportStatus;
}

/**
 * Runs one transport per enabled listener / broker profile of the settings and reports
 * their state ('transports' events). Applying new settings restarts only the profiles
 * that changed. A transport that fails to start is reported with its reason, never thrown:
 * a wrong broker address must not keep the console from starting.
 */
export class TransportManager {
  private readonly running = new Map<string, Running>();
  private readonly disabled = new Map<string, TransportStatus>();
  /** Profiles whose transport could not even be created (a setting it refuses), shown as failed. */
  private readonly failed = new Map<string, TransportStatus>();
  /** Listeners started for this run only (--demo), never saved nor stopped by apply(). */
  private readonly ephemeral = new Set<string>();

  constructor(
    private readonly controller: Controller,
    private readonly hub: EventHub,
    private readonly clock: () => number = Date.now,
  ) {}

  status(): TransportStatus[] {
    return [...[...this.running.values()].map((r) => r.status), ...this.disabled.values(), ...this.failed.values()];
  }

  /** The running WebSocket listener of a profile (its bound port, for --demo). */
  webSocketListener(profileId: string): WsServerTransport | undefined {
    const transport = this.running.get(profileId)?.transport;
    return transport instanceof WsServerTransport ? transport : undefined;
  }

  async apply(settings: StoredSettings): Promise<void> {
    const wanted = new Map<string, { kind: TransportKind; name: string; enabled: boolean; fingerprint: string; create: () => Transport }>();
    const endpointId = settings.controllerEndpointId;
    const certificates = settings.certificates;
    // A profile's transport is restarted when the profile, the Endpoint ID or the certificates change.
    const want = (p: { id: string; name: string; enabled: boolean }, kind: TransportKind, create: () => Transport): void => {
      wanted.set(p.id, { kind, name: p.name, enabled: p.enabled, fingerprint: JSON.stringify([p, endpointId, certificates]), create });
    };
    for (const p of settings.webSocketListeners) {
      want(p, 'websocket-server', () =>
        new WsServerTransport({
          id: p.id,
          name: p.name,
          host: p.host,
          port: p.port,
          path: p.path,
          endpointId,
          tls: p.tls === undefined ? undefined : listenerTls(p.tls, certificates),
        }),
      );
    }
    for (const p of settings.mqttBrokers) {
      const topic = p.controllerTopic;
      want(p, 'mqtt', () =>
        new MqttTransport({
          id: p.id,
          name: p.name,
          url: p.url,
          clientId: p.clientId ?? '',
          username: p.username,
          password: p.password ?? undefined,
          ...(/^(mqtts|wss):/.test(p.url) ? { tls: clientTls(p.tls, certificates) } : {}),
          protocolVersion: p.protocolVersion,
          subscriptions: receiveFilters(topic, p.protocolVersion),
          replyTopic: topic,
          endpointId,
          retryInitialConnect: true,
        }),
      );
    }
    for (const p of settings.stompBrokers) {
      const tls = p.tls !== undefined;
      want(p, 'stomp', () =>
        new StompTransport({
          id: p.id,
          name: p.name,
          url: `${tls ? 'stomps' : 'stomp'}://${p.host.includes(':') ? `[${p.host}]` : p.host}:${p.port}`,
          ...(p.username ? { login: p.username } : {}),
          ...(p.password ? { passcode: p.password } : {}),
          ...(p.virtualHost ? { virtualHost: p.virtualHost } : {}),
          endpointId,
          destination: p.controllerDestination,
          ...(p.tls ? { tls: clientTls(p.tls, certificates) } : {}),
          retryInitialConnect: true,
        }),
      );
    }

    for (const [id, r] of [...this.running]) {
      if (this.ephemeral.has(id)) continue;
      const w = wanted.get(id);
      if (!w || !w.enabled || w.fingerprint !== r.fingerprint) await this.stopOne(id);
    }
    this.disabled.clear();
    this.failed.clear();
    for (const [id, w] of wanted) {
      if (!w.enabled) {
        this.disabled.set(id, { profileId: id, kind: w.kind, name: w.name, state: 'disabled', detail: 'disabled in settings', since: this.clock() });
        continue;
      }
      if (this.running.has(id)) continue;
      let transport: Transport;
      try {
        transport = w.create();
      } catch (err) {
        // One profile the transport refuses must not stop the others, nor the console's start.
        const status: TransportStatus = { profileId: id, kind: w.kind, name: w.name, state: 'error', detail: err instanceof Error ? err.message : String(err), since: this.clock() };
        this.failed.set(id, status);
        this.hub.push('transports', status);
        continue;
      }
      await this.startOne(id, w.kind, w.name, w.fingerprint, transport);
    }
  }

  /** Starts a WebSocket listener for this run only; resolves with it once it listens. */
  async startEphemeralListener(profile: { id: string; name: string; host: string; port: number; path: string }, endpointId: string): Promise<WsServerTransport> {
    const transport = new WsServerTransport({ ...profile, endpointId });
    this.ephemeral.add(profile.id);
    await this.startOne(profile.id, 'websocket-server', profile.name, '', transport);
    if (transport.linkState !== 'up' && this.running.get(profile.id)?.status.state === 'error') {
      throw new Error(`could not start the WebSocket listener: ${this.running.get(profile.id)?.status.detail}`);
    }
    return transport;
  }

  async stopAll(): Promise<void> {
    for (const id of [...this.running.keys()]) await this.stopOne(id);
  }

  private async startOne(id: string, kind: TransportKind, name: string, fingerprint: string, transport: Transport): Promise<void> {
    const entry: Running = {
      transport,
      fingerprint,
      status: { profileId: id, kind, name, state: 'connecting', detail: 'starting', since: this.clock() },
    };
    this.running.set(id, entry);
    transport.on('link', (state, reason) => this.setState(entry, mapState(kind, state), reason));
    this.controller.addTransport(transport);
    try {
      await transport.start();
      const detail = transport instanceof WsServerTransport ? `listening on ${transport.url}` : 'connected';
      this.setState(entry, kind === 'websocket-server' ? 'listening' : 'connected', detail);
    } catch (err) {
      this.setState(entry, 'error', err instanceof Error ? err.message : String(err));
    }
  }

  private async stopOne(id: string): Promise<void> {
    const entry = this.running.get(id);
    if (!entry) return;
    this.running.delete(id);
    this.controller.removeTransport(id);
    await entry.transport.stop().catch(() => undefined);
    entry.transport.removeAllListeners();
  }

  private setState(entry: Running, state: TransportState, detail: string): void {
    if (entry.status.state === state && entry.status.detail === detail) return;
    entry.status = { ...entry.status, state, detail, since: this.clock() };
    this.hub.push('transports', entry.status);
  }
}

function mapState(kind: TransportKind, state: LinkState): TransportState {
  if (state === 'up') return kind === 'websocket-server' ? 'listening' : 'connected';
  return state === 'connecting' ? 'connecting' : 'disconnected';
}
