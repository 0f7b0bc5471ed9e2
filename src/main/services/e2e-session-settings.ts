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

  /**
   * Turning the session on with maxRecordSize 0 first reads the agent's own
   * E2ESession.MaxUSPRecordSize for us, so Msgs to it are segmented as it asks.
   * Throws RangeError when maxRecordSize leaves no room for payload.
   */
  async set(endpointId: string, setting: E2ESessionSetting): Promise<E2ESessionInfo> {
    const applied = setting.enabled && setting.maxRecordSize === 0 ? { ...setting, maxRecordSize: await this.agentLimit(endpointId) } : setting;
    this.controller.setE2ESession(endpointId, applied);
    this.settings.set(KEY_PREFIX + endpointId, applied, this.clock());
    return this.get(endpointId);
  }

  /** The agent's MaxUSPRecordSize towards us; 0 when it has none or cannot say (offline, no such object). */
  private async agentLimit(endpointId: string): Promise<number> {
    const path = `Device.LocalAgent.Controller.[EndpointID=="${this.controller.endpointId}"].E2ESession.MaxUSPRecordSize`;
    try {
      const result = await this.controller.get(endpointId, [path], { timeoutMs: 10_000 });
      const value = Number(result.requestedPaths[0]?.resolved[0]?.params.MaxUSPRecordSize);
      return Number.isInteger(value) && value >= 512 ? value : 0;
    } catch {
      return 0; // the setting still applies; segmentation can be set by hand
    }
  }
}
