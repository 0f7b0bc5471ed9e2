import { useEffect, useState } from 'react';
import type { CommandSchema, ParamSchema } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';

/** The object part of a parameter or command path: 'Device.WiFi.SSID.1.SSID' → 'Device.WiFi.SSID.1.' */
export function parentObject(path: string): string | null {
  const at = path.replace(/\(\)$/, '').lastIndexOf('.');
  return at > 'Device'.length - 1 ? path.slice(0, at + 1) : null;
}

/**
 * The cached schema of one parameter or command on the reference agent, so the wizard's value
 * fields are typed like the tree's editors; null while unknown (then the field is plain text).
 */
export function useMemberSchema(agentId: string | null, path: string): { param: ParamSchema | null; command: CommandSchema | null } {
  const api = useApi();
  const [found, setFound] = useState<{ path: string; param: ParamSchema | null; command: CommandSchema | null }>({ path: '', param: null, command: null });
  const object = parentObject(path);
  useEffect(() => {
    if (!agentId || !object || /[*[{]/.test(object)) return;
    let stale = false;
    api.getChildren(agentId, object).then((c) => {
      if (stale) return;
      const name = path.slice(object.length);
      setFound({ path, param: c.params.find((p) => p.schema.name === name)?.schema ?? null, command: c.commands.find((k) => k.name === name) ?? null });
    }, () => undefined); // not cached (or not a known path): the field stays plain text
    return () => {
      stale = true;
    };
  }, [api, agentId, object, path]);
  return found.path === path ? found : { param: null, command: null };
}
