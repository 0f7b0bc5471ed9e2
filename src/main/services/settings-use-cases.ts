import type { CertificateStatus } from '../../shared/api/settings';
import type { ConsoleSettings, SettingsUpdate } from '../../shared/console-api';
import type { Controller } from '../controller';
import type { Store } from '../store/store';
import { certificateStatus } from './certificates/certificate-status';
import { applyTraceBounds, pruneByAge } from './retention';
import type { SettingsService } from './settings-service';
import type { TransportManager } from './transport-manager';

/** The Settings view: read the settings, and change them so that what is saved is what runs. */
export class SettingsUseCases {
  constructor(
    private readonly settings: SettingsService,
    private readonly transports: TransportManager,
    private readonly store: Store,
    private readonly controller: Pick<Controller, 'setAcceptUnknownAgents' | 'setEndpointId'>,
  ) {}

  get(): ConsoleSettings {
    return this.settings.public();
  }

  /** What the configured certificate files hold (the Settings view's Certificates card). */
  certificates(): Promise<CertificateStatus> {
    return certificateStatus(this.settings.stored.certificates);
  }

  /**
   * Applied first, saved after: settings that cannot be applied are never saved, so they cannot
   * stop the next start either. A profile whose transport fails is applied (shown as failed in
   * the transport status) and saved, so the operator can correct it.
   */
  async update(update: SettingsUpdate): Promise<ConsoleSettings> {
    const next = this.settings.next(update);
    // A new Endpoint ID takes effect now: the controller speaks as it, and the transports whose
    // addresses derive from it (MQTT client id and topics, the WebSocket extension) reconnect.
    this.controller.setEndpointId(next.controllerEndpointId);
    await this.transports.apply(next);
    this.settings.save(next);
    // Takes effect now, not at the next start: the next unknown agent is held or accepted.
    if (update.approvalMode) this.controller.setAcceptUnknownAgents(update.approvalMode === 'auto-approve');
    // Retention takes effect now (smaller bounds and fewer days drop the oldest rows at once), not at the next hourly prune.
    if (update.retention) {
      applyTraceBounds(this.store, next.retention);
      pruneByAge(this.store, next.retention, Date.now());
    }
    return this.settings.public();
  }
}
