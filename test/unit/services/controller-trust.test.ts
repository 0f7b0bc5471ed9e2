import { describe, expect, it } from 'vitest';
import { covers, explainPermissionDenied } from '../../../src/main/services/controller-trust/explain-permission';
import { readControllerTrust } from '../../../src/main/services/controller-trust/read-controller-trust';
import type { GetResult } from '../../../src/main/usp/messages';

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
