// One agent as the cache knows it: schema (GetSupportedDM), instances and values. The preview
// reads only this, so it works for offline agents and never sends anything.

import type { PlaceholderValues } from '../../../shared/jobs/placeholders';
import type { AgentRecord } from '../../../shared/model/agent';
import type { SupportedObject, SupportedParam } from '../../../shared/model/schema';
import { expandPath, isValidPath, toSupportedPath } from '../../usp/paths';
import type { Store } from '../../store/store';
import { placeholderValues } from './placeholder-sources';

export class AgentCacheView {
  private objectsByPath: Map<string, SupportedObject> | undefined;

  constructor(
    private readonly store: Store,
    readonly agent: AgentRecord,
  ) {}

  get online(): boolean {
    return this.agent.presence === 'online';
  }

  private objects(): Map<string, SupportedObject> {
    this.objectsByPath ??= new Map(this.store.getSupportedDM(this.agent.endpointId).map((o) => [o.path, o]));
    return this.objectsByPath;
  }

  hasSchema(): boolean {
    return this.objects().size > 0;
  }

  /** The supported object of an instantiated object path (`Device.WiFi.SSID.1.` → `Device.WiFi.SSID.{i}.`). */
  object(objectPath: string): SupportedObject | undefined {
    return this.objects().get(toSupportedPath(objectPath));
  }

  param(paramPath: string): SupportedParam | undefined {
    const at = paramPath.lastIndexOf('.');
    const name = paramPath.slice(at + 1);
    return this.object(paramPath.slice(0, at + 1))?.params.find((p) => p.name === name);
  }

  value(path: string): string | undefined {
    return this.store.instanceView(this.agent.endpointId).value(path);
  }

  /** Whether every instance on the way to `path` is cached (`Device.WiFi.SSID.3.SSID` needs `SSID.3.`). */
  instancesExist(path: string): boolean {
    const view = this.store.instanceView(this.agent.endpointId);
    const parts = path.split('.');
    for (let i = 1; i < parts.length; i++) {
      if (!/^\d+$/.test(parts[i]!)) continue;
      const table = parts.slice(0, i).join('.') + '.';
      if (!view.instances(table).includes(Number(parts[i]))) return false;
    }
    return true;
  }

  /** Concrete paths of a (search) path over the cache; a plain path is itself. */
  expand(path: string): string[] {
    if (!/[*[+]/.test(path) && isValidPath(path)) return [path];
    const r = expandPath(path, this.store.instanceView(this.agent.endpointId));
    return r.ok ? r.paths : [];
  }

  instances(tablePath: string): { path: string; uniqueKeys: Record<string, string> }[] {
    return this.store.getCachedInstances(this.agent.endpointId, tablePath).filter((i) => /^\d+\.$/.test(i.path.slice(tablePath.length)));
  }

  placeholders(): PlaceholderValues {
    return placeholderValues(this.agent.endpointId, this.agent);
  }
}
