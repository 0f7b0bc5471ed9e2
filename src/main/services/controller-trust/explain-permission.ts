import type { ControllerTrust, TrustPermission, TrustRole } from '../../../shared/api/controller-trust';

/** What the console asked for when the agent answered 7006 "Permission Denied". */
export type TrustOperation = 'get' | 'getInstances' | 'getSupportedDM' | 'set' | 'add' | 'delete' | 'operate';

type Column = 'param' | 'obj' | 'instantiatedObj' | 'commandEvent';

/** The permission each operation needs: one `rwxn` letter of a permission's Param, Obj, InstantiatedObj or CommandEvent. */
const NEEDED: Record<TrustOperation, { column: Column; index: number; what: string }> = {
  get: { column: 'param', index: 0, what: 'read (r) on Param' },
  getInstances: { column: 'instantiatedObj', index: 0, what: 'read (r) on InstantiatedObj' },
  getSupportedDM: { column: 'obj', index: 0, what: 'read (r) on Obj' },
  set: { column: 'param', index: 1, what: 'write (w) on Param' },
  add: { column: 'obj', index: 1, what: 'add (w) on Obj' },
  delete: { column: 'instantiatedObj', index: 1, what: 'delete (w) on InstantiatedObj' },
  operate: { column: 'commandEvent', index: 2, what: 'execute (x) on CommandEvent' },
};

const COLUMN_NAME: Record<Column, string> = { param: 'Param', obj: 'Obj', instantiatedObj: 'InstantiatedObj', commandEvent: 'CommandEvent' };

/**
 * Says which role lacks which permission for `operation` on `path`, from the agent's own
 * role tables: per role the enabled permission with the highest Order whose Targets cover the
 * path decides, and roles combine by union. When the roles do grant it,
 * the agent refused for a reason its tables do not show, and the text says that.
 */
export function explainPermissionDenied(trust: ControllerTrust, operation: TrustOperation, path: string): string {
  const need = NEEDED[operation];
  if (trust.controllerPath === null) return `the agent has no Controller row for this console that we can read, so no role grants it ${need.what} for ${path}`;
  if (trust.roles.length === 0) return `no role is assigned to this console on the agent (${trust.controllerPath}AssignedRole and InheritedRole are empty), so nothing grants ${need.what} for ${path}`;
  const verdicts = trust.roles.map((role) => judge(role, need, path));
  if (verdicts.some((v) => v.granted)) {
    return `the roles on the agent grant ${need.what} for ${path} (${verdicts.filter((v) => v.granted).map((v) => v.text).join('; ')}); the agent refused for a reason its role tables do not show`;
  }
  return verdicts.map((v) => v.text).join('; ');
}

function judge(role: TrustRole, need: (typeof NEEDED)[TrustOperation], path: string): { granted: boolean; text: string } {
  const label = `role "${role.name || role.path}" (${role.path})`;
  if (!role.enable) return { granted: false, text: `${label} is disabled` };
  const deciding = role.permissions
    .filter((p) => p.enable && p.targets.some((t) => covers(t, path)))
    .sort((a, b) => b.order - a.order)[0];
  if (deciding === undefined) return { granted: false, text: `${label} has no enabled permission whose Targets cover ${path}, so it lacks ${need.what}` };
  const rights = deciding[need.column];
  const granted = rights[need.index] !== undefined && rights[need.index] !== '-';
  const via = `${shortPath(deciding)} (Order ${deciding.order}, Targets ${deciding.targets.join(',')}) gives ${COLUMN_NAME[need.column]} "${rights}"`;
  return granted ? { granted, text: `${label}: ${via}` } : { granted, text: `${label} lacks ${need.what} for ${path}: its ${via}` };
}

/** Whether a Targets entry (partial, instance or parameter path; `*` or `[…]` instance selectors) covers `path`. */
export function covers(target: string, path: string): boolean {
  const pattern = target
    .split(/(\*|\[[^\]]*\])/)
    .map((part, i) => (i % 2 === 1 ? '[^.]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${pattern}${target.endsWith('.') ? '' : '$'}`).test(path);
}

function shortPath(permission: TrustPermission): string {
  return permission.path.replace(/^Device\.LocalAgent\.ControllerTrust\.Role\.\d+\./, '');
}
