import { describe, expect, it } from 'vitest';
import { covers, explainPermissionDenied } from '../../../src/main/services/controller-trust/explain-permission';
import { readControllerTrust } from '../../../src/main/services/controller-trust/read-controller-trust';
import { ControllerTrustService } from '../../../src/main/services/controller-trust/controller-trust-service';
import { explainingDenials, type AgentRequests, type PlainRequests } from '../../../src/main/services/controller-trust/explaining-requests';
import { UspErrorResponse, type GetResult } from '../../../src/main/usp/messages';

const ME = 'self::usp-console';
const ROLE = 'Device.LocalAgent.ControllerTrust.Role.';

/** What an agent answers to Get Device.LocalAgent.Controller. + Device.LocalAgent.ControllerTrust.Role. */
function agentAnswer(assigned: string, extraRoleOrder2?: Record<string, string>): GetResult {
  return {
    requestedPaths: [
      {
        requestedPath: 'Device.LocalAgent.Controller.',
        errCode: 0,
        errMsg: '',
        resolved: [
          { path: 'Device.LocalAgent.Controller.1.', params: { EndpointID: 'proto::other', AssignedRole: `${ROLE}1` } },
          { path: 'Device.LocalAgent.Controller.2.', params: { EndpointID: ME, Enable: 'true', AssignedRole: assigned, InheritedRole: '', Credential: '' } },
        ],
      },
      {
        requestedPath: 'Device.LocalAgent.ControllerTrust.Role.',
        errCode: 0,
        errMsg: '',
        resolved: [
          { path: `${ROLE}1.`, params: { Name: 'Full Access', Enable: 'true' } },
          { path: `${ROLE}1.Permission.1.`, params: { Enable: 'true', Order: '1', Targets: 'Device.', Param: 'rw-n', Obj: 'rw-n', InstantiatedObj: 'rw-n', CommandEvent: 'r-xn' } },
          { path: `${ROLE}2.`, params: { Name: 'Untrusted', Enable: 'true' } },
          { path: `${ROLE}2.Permission.1.`, params: { Enable: 'true', Order: '1', Targets: 'Device.', Param: 'r---', Obj: 'r---', InstantiatedObj: 'r---', CommandEvent: 'r---' } },
          ...(extraRoleOrder2 ? [{ path: `${ROLE}2.Permission.2.`, params: extraRoleOrder2 }] : []),
        ],
      },
    ],
  };
}

describe('controller trust (Device.LocalAgent.ControllerTrust)', () => {
  it('reads our Controller row, its roles and their permissions', async () => {
    const trust = await readControllerTrust(async () => agentAnswer(`${ROLE}2`), 'os::agent', ME, () => 5);
    expect(trust).toMatchObject({ agentId: 'os::agent', controllerPath: 'Device.LocalAgent.Controller.2.', enable: true, credential: null, problems: [], readAt: 5 });
    expect(trust.roles).toEqual([
      {
        path: `${ROLE}2.`,
        name: 'Untrusted',
        enable: true,
        source: 'assigned',
        permissions: [{ path: `${ROLE}2.Permission.1.`, enable: true, order: 1, targets: ['Device.'], param: 'r---', obj: 'r---', instantiatedObj: 'r---', commandEvent: 'r---' }],
      },
    ]);
  });

  it('reports what it cannot read: a hidden table, a dangling role reference, no row for us', async () => {
    const hidden: GetResult = { requestedPaths: [{ requestedPath: 'Device.LocalAgent.Controller.', errCode: 7026, errMsg: 'Invalid path', resolved: [] }] };
    const trust = await readControllerTrust(async () => hidden, 'os::agent', ME);
    expect(trust.controllerPath).toBeNull();
    expect(trust.problems).toEqual([
      'Device.LocalAgent.Controller. could not be read: error 7026 Invalid path',
      'no Device.LocalAgent.Controller.{i}. row has EndpointID "self::usp-console" (or the agent does not let us read it)',
    ]);
    const dangling = await readControllerTrust(async () => agentAnswer(`${ROLE}9`), 'os::agent', ME);
    expect(dangling.problems).toEqual([`assigned role ${ROLE}9 is not readable on the agent`]);
    expect(explainPermissionDenied(dangling, 'set', 'Device.WiFi.SSID.1.SSID')).toBe(
      'no role is assigned to this console on the agent (Device.LocalAgent.Controller.2.AssignedRole and InheritedRole are empty), so nothing grants write (w) on Param for Device.WiFi.SSID.1.SSID',
    );
  });

  it('says which role lacks which permission for a 7006', async () => {
    const untrusted = await readControllerTrust(async () => agentAnswer(`${ROLE}2`), 'os::agent', ME);
    expect(explainPermissionDenied(untrusted, 'set', 'Device.WiFi.SSID.1.SSID')).toBe(
      `role "Untrusted" (${ROLE}2.) lacks write (w) on Param for Device.WiFi.SSID.1.SSID: its Permission.1. (Order 1, Targets Device.) gives Param "r---"`,
    );
    expect(explainPermissionDenied(untrusted, 'operate', 'Device.Reboot()')).toContain('lacks execute (x) on CommandEvent for Device.Reboot()');
    expect(explainPermissionDenied(untrusted, 'delete', 'Device.WiFi.SSID.2.')).toContain('lacks delete (w) on InstantiatedObj');
  });

  it('lets the highest Order win inside a role and unions the roles', async () => {
    // Role 2 opens Device.WiFi. for writing with a higher Order: Set there is granted, elsewhere not.
    const extra = { Enable: 'true', Order: '2', Targets: 'Device.WiFi.SSID.*.', Param: 'rw--', Obj: 'r---', InstantiatedObj: 'r---', CommandEvent: 'r---' };
    const trust = await readControllerTrust(async () => agentAnswer(`${ROLE}2`, extra), 'os::agent', ME);
    expect(explainPermissionDenied(trust, 'set', 'Device.WiFi.SSID.1.SSID')).toContain('the roles on the agent grant write (w) on Param for Device.WiFi.SSID.1.SSID');
    expect(explainPermissionDenied(trust, 'set', 'Device.DeviceInfo.ProvisioningCode')).toContain('lacks write (w) on Param');
    const both = await readControllerTrust(async () => agentAnswer(`${ROLE}2,${ROLE}1`), 'os::agent', ME);
    expect(explainPermissionDenied(both, 'operate', 'Device.Reboot()')).toContain('the roles on the agent grant execute (x)');
  });

  it('matches Targets as partial, instance and parameter paths with instance wildcards', () => {
    expect(covers('Device.', 'Device.WiFi.SSID.1.SSID')).toBe(true);
    expect(covers('Device.WiFi.SSID.*.', 'Device.WiFi.SSID.3.Enable')).toBe(true);
    expect(covers('Device.WiFi.SSID.[Enable==true].', 'Device.WiFi.SSID.3.Enable')).toBe(true);
    expect(covers('Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.1.SSID')).toBe(true);
    expect(covers('Device.WiFi.SSID.1.SSID', 'Device.WiFi.SSID.1.SSIDx')).toBe(false);
    expect(covers('Device.WiFi.', 'Device.WiFiX.')).toBe(false);
  });
});

describe('explainingDenials: every request a 7006 can answer', () => {
  const UNTRUSTED = `role "Untrusted" (${ROLE}2.)`;
  const via = (column: string) => `its Permission.1. (Order 1, Targets Device.) gives ${column} "r---"`;
  const denied = { errCode: 7006, errMsg: 'Permission Denied' };

  /** An agent holding us in role 2; `trustReads` counts the reads of its ControllerTrust tables. */
  function agent(overrides: Partial<PlainRequests> = {}, extra?: Record<string, string>): { requests: AgentRequests; trustReads: () => number } {
    let reads = 0;
    const raw = {
      endpointId: ME,
      get: async (_agentId: string, paths: string[]): Promise<GetResult> => {
        if (paths.includes('Device.LocalAgent.ControllerTrust.Role.')) {
          reads++;
          return agentAnswer(`${ROLE}2`, extra);
        }
        return { requestedPaths: paths.map((requestedPath) => ({ requestedPath, ...denied, resolved: [] })) };
      },
    };
    const fail = async (): Promise<never> => {
      throw new Error('not scripted');
    };
    const requests: PlainRequests = { getInstances: fail, getSupportedDM: fail, set: fail, add: fail, delete: fail, operate: fail, ...raw, ...overrides };
    return { requests: explainingDenials(requests, new ControllerTrustService(raw)), trustReads: () => reads };
  }

  it('explains a 7006 on a Get path, reading the roles once for several denied requests at once', async () => {
    // Role 2 hides Device.WiFi. from us (a higher Order with no rights).
    const hidden = { Enable: 'true', Order: '2', Targets: 'Device.WiFi.', Param: '----', Obj: '----', InstantiatedObj: '----', CommandEvent: '----' };
    const { requests, trustReads } = agent({}, hidden);
    const [one, two] = await Promise.all([requests.get('os::agent', ['Device.WiFi.SSID.1.SSID']), requests.get('os::agent', ['Device.DeviceInfo.'])]);
    expect(one.requestedPaths[0]?.errMsg).toBe(`Permission Denied — ${UNTRUSTED} lacks read (r) on Param for Device.WiFi.SSID.1.SSID: its Permission.2. (Order 2, Targets Device.WiFi.) gives Param "----"`);
    expect(two.requestedPaths[0]?.errMsg).toContain('Permission Denied — the roles on the agent grant read (r) on Param for Device.DeviceInfo.');
    expect(trustReads()).toBe(1);
  });

  it('explains GetInstances and GetSupportedDM with the permission each needs', async () => {
    const { requests } = agent({
      getInstances: async (_a, r) => ({ requestedPaths: r.objPaths.map((requestedPath) => ({ requestedPath, ...denied, instances: [] })) }),
      getSupportedDM: async (_a, r) => ({ requestedObjs: r.objPaths.map((requestedPath) => ({ requestedPath, ...denied, dataModelInstUri: '', objects: [] })) }),
    });
    // The role grants r on both: the agent refused for a reason its tables do not show.
    const instances = await requests.getInstances('os::agent', { objPaths: ['Device.WiFi.SSID.'] });
    expect(instances.requestedPaths[0]?.errMsg).toContain('grant read (r) on InstantiatedObj for Device.WiFi.SSID.');
    const gsdm = await requests.getSupportedDM('os::agent', { objPaths: ['Device.'] });
    expect(gsdm.requestedObjs[0]?.errMsg).toContain('grant read (r) on Obj for Device.');
  });

  it('explains the objects and parameters of Set, Add and Delete results and a failed command', async () => {
    const { requests } = agent({
      set: async () => ({ updatedObjs: [{ requestedPath: 'Device.WiFi.SSID.1.', ok: false, ...denied, failedInstances: [{ affectedPath: 'Device.WiFi.SSID.1.', paramErrs: [{ param: 'SSID', ...denied }] }] }] }),
      add: async () => ({ createdObjs: [{ requestedPath: 'Device.WiFi.SSID.', ok: true, instantiatedPath: 'Device.WiFi.SSID.3.', uniqueKeys: {}, paramErrs: [{ param: 'SSID', ...denied }] }] }),
      delete: async () => ({ deletedObjs: [{ requestedPath: 'Device.WiFi.SSID.2.', ok: true, affectedPaths: [], unaffectedPathErrs: [{ path: 'Device.WiFi.SSID.2.', ...denied }] }] }),
      operate: async () => ({ commandKey: 'k', results: [{ executedCommand: 'Device.Reboot()', kind: 'failure', ...denied }] }),
    });
    const set = await requests.set('os::agent', { allowPartial: true, updateObjs: [{ objPath: 'Device.WiFi.SSID.1.', params: [{ param: 'SSID', value: 'x' }] }] });
    const failed = set.updatedObjs[0];
    expect(failed?.ok === false && failed.errMsg).toContain('lacks write (w) on Param for Device.WiFi.SSID.1.');
    expect(failed?.ok === false && failed.failedInstances[0]?.paramErrs[0]?.errMsg).toBe(`Permission Denied — ${UNTRUSTED} lacks write (w) on Param for Device.WiFi.SSID.1.SSID: ${via('Param')}`);
    const add = await requests.add('os::agent', { allowPartial: true, createObjs: [{ objPath: 'Device.WiFi.SSID.', params: [] }] });
    const created = add.createdObjs[0];
    expect(created?.ok === true && created.paramErrs[0]?.errMsg).toContain('lacks write (w) on Param for Device.WiFi.SSID.3.SSID');
    const del = await requests.delete('os::agent', { allowPartial: true, objPaths: ['Device.WiFi.SSID.2.'] });
    const d = del.deletedObjs[0];
    expect(d?.ok === true && d.unaffectedPathErrs[0]?.errMsg).toBe(`Permission Denied — ${UNTRUSTED} lacks delete (w) on InstantiatedObj for Device.WiFi.SSID.2.: ${via('InstantiatedObj')}`);
    const operate = await requests.operate('os::agent', { command: 'Device.Reboot()' });
    expect(operate.results[0]).toMatchObject({ errMsg: `Permission Denied — ${UNTRUSTED} lacks execute (x) on CommandEvent for Device.Reboot(): ${via('CommandEvent')}` });
  });

  it('explains a 7006 Error message (an Add of a table needs write on Obj), and leaves other errors alone', async () => {
    const error = (errCode: number) => new UspErrorResponse('m1', { err_code: errCode, err_msg: 'refused', param_errs: [] });
    const { requests, trustReads } = agent({
      add: async () => {
        throw error(7006);
      },
      delete: async () => {
        throw error(7002);
      },
    });
    await expect(requests.add('os::agent', { allowPartial: false, createObjs: [{ objPath: 'Device.WiFi.SSID.', params: [] }] })).rejects.toMatchObject({
      errCode: 7006,
      errMsg: `refused — ${UNTRUSTED} lacks add (w) on Obj for Device.WiFi.SSID.: ${via('Obj')}`,
    });
    await expect(requests.delete('os::agent', { allowPartial: false, objPaths: ['Device.WiFi.SSID.2.'] })).rejects.toMatchObject({ errCode: 7002, errMsg: 'refused' });
    expect(trustReads()).toBe(1);
  });

  it('keeps the 7006 as it was when the roles cannot be read', async () => {
    const raw = {
      endpointId: ME,
      get: async (_agentId: string, paths: string[]): Promise<GetResult> => {
        if (paths.includes('Device.LocalAgent.ControllerTrust.Role.')) throw new UspErrorResponse('m2', { err_code: 7006, err_msg: 'no' });
        return { requestedPaths: paths.map((requestedPath) => ({ requestedPath, ...denied, resolved: [] })) };
      },
    };
    const requests = explainingDenials(raw as unknown as PlainRequests, new ControllerTrustService(raw));
    const result = await requests.get('os::agent', ['Device.WiFi.']);
    expect(result.requestedPaths[0]?.errMsg).toBe('Permission Denied');
  });
});
