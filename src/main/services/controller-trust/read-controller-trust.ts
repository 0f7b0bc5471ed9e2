import type { ControllerTrust, TrustPermission, TrustRole } from '../../../shared/api/controller-trust';
import type { GetResult } from '../../usp/messages';

const CONTROLLERS = 'Device.LocalAgent.Controller.';
const ROLES = 'Device.LocalAgent.ControllerTrust.Role.';
const PERMISSION_ROW = /^(Device\.LocalAgent\.ControllerTrust\.Role\.\d+\.)Permission\.\d+\.$/;
const ROLE_ROW = /^Device\.LocalAgent\.ControllerTrust\.Role\.\d+\.$/;
const CONTROLLER_ROW = /^Device\.LocalAgent\.Controller\.\d+\.$/;

/** A Get towards one agent (the controller's, or a caching client's). */
export type GetFn = (paths: string[]) => Promise<GetResult>;

/**
 * Reads what the agent grants us (Device.LocalAgent.ControllerTrust): our Controller row (EndpointID = ours),
 * its AssignedRole and InheritedRole, and those roles with their permissions, in one Get.
 * An agent that hides part of it (no Read permission, 7026) is reported in `problems`.
 */
export async function readControllerTrust(get: GetFn, agentId: string, ownEndpointId: string, now: () => number = Date.now): Promise<ControllerTrust> {
  const result = await get([CONTROLLERS, ROLES]);
  const problems: string[] = [];
  const objects = new Map<string, Record<string, string>>();
  for (const requested of result.requestedPaths) {
    if (requested.errCode !== 0) problems.push(`${requested.requestedPath} could not be read: error ${requested.errCode}${requested.errMsg ? ` ${requested.errMsg}` : ''}`);
    for (const resolved of requested.resolved) objects.set(resolved.path, { ...objects.get(resolved.path), ...resolved.params });
  }
  const ours = [...objects].find(([path, params]) => CONTROLLER_ROW.test(path) && params.EndpointID === ownEndpointId);
  if (ours === undefined) problems.push(`no ${CONTROLLERS}{i}. row has EndpointID "${ownEndpointId}" (or the agent does not let us read it)`);
  const [controllerPath, row] = ours ?? [null, {} as Record<string, string>];

  const permissions = new Map<string, TrustPermission[]>();
  for (const [path, params] of objects) {
    const role = PERMISSION_ROW.exec(path)?.[1];
    if (role === undefined) continue;
    const list = permissions.get(role) ?? [];
    list.push({
      path,
      enable: params.Enable === 'true' || params.Enable === '1',
      order: Number(params.Order ?? 0),
      targets: splitList(params.Targets),
      param: params.Param ?? '----',
      obj: params.Obj ?? '----',
      instantiatedObj: params.InstantiatedObj ?? '----',
      commandEvent: params.CommandEvent ?? '----',
    });
    permissions.set(role, list);
  }
  const roles: TrustRole[] = [];
  const addRoles = (refs: string | undefined, source: TrustRole['source']): void => {
    for (const ref of splitList(refs)) {
      const path = ref.endsWith('.') ? ref : `${ref}.`;
      const params = objects.get(path);
      if (params === undefined || !ROLE_ROW.test(path)) {
        problems.push(`${source} role ${ref} is not readable on the agent`);
        continue;
      }
      roles.push({
        path,
        name: params.Name ?? '',
        enable: params.Enable === 'true' || params.Enable === '1',
        source,
        permissions: (permissions.get(path) ?? []).sort((a, b) => b.order - a.order),
      });
    }
  };
  addRoles(row.AssignedRole, 'assigned');
  addRoles(row.InheritedRole, 'inherited');
  return {
    agentId,
    controllerPath,
    enable: controllerPath === null ? null : row.Enable === 'true' || row.Enable === '1',
    credential: row.Credential ? row.Credential : null,
    roles,
    problems,
    readAt: now(),
  };
}

function splitList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
