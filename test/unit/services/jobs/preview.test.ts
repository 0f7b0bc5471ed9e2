import { describe, expect, it } from 'vitest';
import { previewJob } from '../../../../src/main/services/jobs/preview-job';
import { resolveTargets } from '../../../../src/main/services/jobs/resolve-targets';
import { jobFileSchema, type JobOperation } from '../../../../src/shared/jobs/job-file';
import { fleetStore, object, param, type FleetAgent } from './fleet-store';

const schema = [
  object('Device.WiFi.Radio.{i}.', [param('Channel', 'unsignedInt'), param('Status', 'string', 'readOnly'), param('Enable', 'boolean')]),
  object('Device.WiFi.SSID.{i}.', [param('SSID')]),
  object('Device.LocalAgent.Subscription.{i}.', [param('ID'), param('Enable', 'boolean'), param('ReferenceList')], { access: 'addDelete', uniqueKeySets: [['ID']] }),
  object('Device.', [], { commands: [{ name: 'Reboot()', type: 'sync', inputArgs: [], outputArgs: [] }] }),
  object('Device.DeviceInfo.FirmwareImage.{i}.', [param('Name')], { commands: [{ name: 'Download()', type: 'async', inputArgs: ['URL'], outputArgs: [] }] }),
];
const values = {
  'Device.WiFi.Radio.1.Channel': '6',
  'Device.WiFi.Radio.1.Status': 'Up',
  'Device.WiFi.Radio.1.Enable': '1',
  'Device.WiFi.Radio.2.Channel': '36',
  'Device.WiFi.SSID.1.SSID': 'old',
  'Device.LocalAgent.Subscription.1.ID': 'lab',
  'Device.DeviceInfo.SoftwareVersion': '1.0',
};

async function preview(operation: unknown, agents: FleetAgent[] = [{ endpointId: 'a1', values, schema }]) {
  const store = await fleetStore(agents);
  const op = jobFileSchema.parse({ name: 'p', targets: { filter: 'status=="online"' }, operation }).operation as JobOperation;
  const result = previewJob(store, op, resolveTargets(store, { agents: agents.map((a) => a.endpointId) }));
  store.close();
  return result;
}

describe('preview from the cache', () => {
  it('shows current → new per resolved path, with a flag per problem', async () => {
    const p = await preview({
      kind: 'set',
      params: {
        'Device.WiFi.Radio.*.Channel': 11,
        'Device.WiFi.Radio.1.Status': 'Down',
        'Device.WiFi.Radio.1.Enable': 'yes',
        'Device.WiFi.Radio.3.Channel': 1,
        'Device.WiFi.SSID.1.SSID': 'lab-{serial}',
        'Device.WiFi.Radio.1.Nope': 'x',
      },
    });
    expect(p.agents[0]!.items).toEqual([
      { path: 'Device.WiFi.Radio.1.Channel', current: '6', next: '11', flags: [] },
      { path: 'Device.WiFi.Radio.2.Channel', current: '36', next: '11', flags: [] },
      { path: 'Device.WiFi.Radio.1.Status', current: 'Up', next: 'Down', flags: ['read-only'] },
      { path: 'Device.WiFi.Radio.1.Enable', current: '1', next: 'yes', flags: ['bad-value'], message: '"yes" is not a boolean' },
      { path: 'Device.WiFi.Radio.3.Channel', current: null, next: '1', flags: ['not-found'], message: 'the object instance is not in the cache' },
      { path: 'Device.WiFi.SSID.1.SSID', current: 'old', next: 'lab-SN-a1', flags: [] },
      { path: 'Device.WiFi.Radio.1.Nope', current: null, next: 'x', flags: ['not-found'], message: 'not in the supported data model' },
    ]);
    expect(p.counts).toMatchObject({ 'read-only': 1, 'bad-value': 1, 'not-found': 1, offline: 0, unchanged: 0 });
  });

  it('skips agents already at the new value (as a value of the type) and marks offline agents as queued', async () => {
    const p = await preview({ kind: 'set', params: { 'Device.WiFi.Radio.1.Channel': '06', 'Device.WiFi.Radio.1.Enable': true } }, [
      { endpointId: 'a1', values, schema },
      { endpointId: 'a2', values: { ...values, 'Device.WiFi.Radio.1.Channel': '1' }, schema, online: false },
    ]);
    expect(p.agents.map((a) => [a.endpointId, a.skip, a.flags])).toEqual([
      ['a1', true, ['unchanged']],
      ['a2', false, ['unchanged', 'offline']],
    ]);
    expect(p.counts).toMatchObject({ unchanged: 2, offline: 1 });
  });

  it('flags a unique-key collision for add and subscribe, an unsupported command, and delete as irreversible', async () => {
    expect((await preview({ kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'lab', Enable: true } })).agents[0]!.items[0]).toMatchObject({
      flags: ['key-collision'],
      current: 'Device.LocalAgent.Subscription.1.',
    });
    expect((await preview({ kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'new', Enable: 'maybe' } })).agents[0]!.items[0]!.flags).toEqual(['bad-value']);
    expect((await preview({ kind: 'add', object: 'Device.WiFi.Radio.', params: { Channel: 1 } })).agents[0]!.items[0]!.flags).toEqual(['read-only']);
    expect((await preview({ kind: 'subscribe', id: 'lab', notifType: 'ValueChange', paths: ['Device.WiFi.'] })).counts['key-collision']).toBe(1);
    expect((await preview({ kind: 'operate', command: 'Device.FactoryReset()' })).agents[0]!.flags).toEqual(['command-unsupported']);
    expect((await preview({ kind: 'operate', command: 'Device.Reboot()' })).agents[0]!.flags).toEqual([]);
    const del = await preview({ kind: 'delete', paths: ['Device.LocalAgent.Subscription.1.', 'Device.LocalAgent.Subscription.9.'] });
    expect(del.agents[0]!.flags).toEqual(['unchanged', 'no-rollback']);
    expect(del.counts['no-rollback']).toBe(1);
  });

  it('reports cached values for get and the version change for firmware', async () => {
    const get = await preview({ kind: 'get', paths: ['Device.WiFi.Radio.*.Channel'] });
    expect(get.agents[0]!.items.map((i) => [i.path, i.current])).toEqual([
      ['Device.WiFi.Radio.1.Channel', '6'],
      ['Device.WiFi.Radio.2.Channel', '36'],
    ]);
    const fw = await preview({ kind: 'firmware', url: 'http://127.0.0.1/fw.bin', expectedVersion: '2.0' });
    expect(fw.agents[0]!.items[0]).toEqual({ path: 'Device.DeviceInfo.FirmwareImage.', current: '1.0', next: '2.0', flags: [], message: 'the FirmwareImage table is not cached (refresh): the image is chosen when the step runs' });
    const same = await preview({ kind: 'firmware', url: 'http://127.0.0.1/fw.bin', expectedVersion: '1.0' });
    expect(same.agents[0]!.skip).toBe(true);
    expect(same.agents[0]!.items[0]).toMatchObject({ flags: ['unchanged'], message: 'already on 1.0' });
  });

  it('names the image a firmware step would write: the first cached FirmwareImage that is not running', async () => {
    const images = (active: number, count: number): Record<string, string> => {
      const v: Record<string, string> = { ...values, 'Device.DeviceInfo.ActiveFirmwareImage': `Device.DeviceInfo.FirmwareImage.${active}` };
      for (let n = 1; n <= count; n++) Object.assign(v, { [`Device.DeviceInfo.FirmwareImage.${n}.Version`]: n === active ? '1.0' : '0.9', [`Device.DeviceInfo.FirmwareImage.${n}.Status`]: n === active ? 'Active' : 'Available', [`Device.DeviceInfo.FirmwareImage.${n}.Available`]: 'true' });
      return v;
    };
    const p = await preview({ kind: 'firmware', url: 'http://127.0.0.1/fw.bin', expectedVersion: '2.0' }, [
      { endpointId: 'a1', values: images(1, 2), schema },
      { endpointId: 'a2', values: images(2, 3), schema },
      { endpointId: 'a3', values: images(1, 1), schema },
    ]);
    expect(p.agents.map((a) => a.items[0])).toEqual([
      { path: 'Device.DeviceInfo.FirmwareImage.2.', current: '1.0', next: '2.0', flags: [], message: 'writes Device.DeviceInfo.FirmwareImage.2 (now 0.9, Available)' },
      { path: 'Device.DeviceInfo.FirmwareImage.1.', current: '1.0', next: '2.0', flags: [], message: 'writes Device.DeviceInfo.FirmwareImage.1 (now 0.9, Available)' },
      { path: 'Device.DeviceInfo.FirmwareImage.', current: '1.0', next: '2.0', flags: ['not-found'], message: 'no inactive FirmwareImage to download into (Device.DeviceInfo.FirmwareImage.1 is the only one)' },
    ]);
    expect(p.counts['not-found']).toBe(1);
  });

  it('names a missing placeholder value and a missing schema', async () => {
    const p = await preview({ kind: 'set', params: { 'Device.WiFi.SSID.1.SSID': '{productClass}' } }, [{ endpointId: 'a1', values, schema: [] }]);
    expect(p.agents[0]!.items[0]).toMatchObject({ flags: ['placeholder'], message: 'placeholder {productClass} has no value for this agent' });
    expect(p.agents[0]!.flags).toEqual(['placeholder', 'no-schema']);
  });
});
