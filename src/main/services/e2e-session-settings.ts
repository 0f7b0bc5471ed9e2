import type { E2ESessionInfo, E2ESessionSetting } from '../../shared/api/agents';
import type { Controller } from '../controller';
import type { SettingsRepo } from '../store/repos/settings-repo';

const KEY_PREFIX = 'e2eSession:';

/**
 * The per-agent "use E2E session" setting: applied to the controller and kept in the settings
 * table, so that it survives a restart of the console.
 */
export class E2ESessionSettings {
  constructor(
    private readonly controller: Controller,
    private readonly settings: SettingsRepo,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Applies the stored settings of these agents (at start). */
  restore(endpointIds: readonly string[]): void {
    for (const endpointId of endpointIds) {
      const stored = this.settings.get<E2ESessionSetting | null>(KEY_PREFIX + endpointId, null);
      if (stored && typeof stored.enabled === 'boolean' && Number.isInteger(stored.maxRecordSize)) {
        this.controller.setE2ESession(endpointId, { enabled: stored.enabled, maxRecordSize: stored.maxRecordSize });
      }
    }
  }

  get(endpointId: string): E2ESessionInfo {
    return this.controller.e2eSession(endpointId);
  }

  /** Throws RangeError when maxRecordSize leaves no room for payload. */
  set(endpointId: string, setting: E2ESessionSetting): E2ESessionInfo {
    this.controller.setE2ESession(endpointId, setting);
    this.settings.set(KEY_PREFIX + endpointId, setting, this.clock());
    return this.get(endpointId);
  }
}
