import { describe, expect, it } from 'vitest';
import { JobEngine } from '../../../../src/main/services/jobs/job-engine';
import { JobsService } from '../../../../src/main/services/jobs/jobs-service';
import { fleetStore } from './fleet-store';
import { REDACTED } from '../../../../src/shared/jobs/job-secrets';
import type { PathValues } from '../../../../src/shared/jobs/job-model';
import { FakeClock, ScriptedAgents, settle, uspError } from './scripted-agents';

const SSID = 'Device.WiFi.SSID.1.SSID';

async function setup() {
  const ids = ['a1', 'a2', 'a3'];
  const store = await fleetStore(ids.map((endpointId) => ({ endpointId, tags: ['lab'], values: { [SSID]: `old-${endpointId}` } })));
  const agents = new ScriptedAgents();
  for (const id of ids) agents.agent(id, { [SSID]: `old-${id}` });
  let n = 0;
  const engine = new JobEngine({ store, port: agents, clock: new FakeClock(), newId: () => `job-${++n}` });
  return { ids, store, agents, service: new JobsService(store, engine) };
}

describe('jobs service', () => {
  it('rolls back a Set job: every changed agent gets its old value back, as a new job', async () => {
    const { service, agents, ids } = await setup();
    agents.fail('a2', 'set', uspError(7004));
    const job = service.start({ name: 'ssid', targets: { filter: 'tag=="lab"' }, operation: { kind: 'set', params: { [SSID]: 'lab-{serial}' } }, options: { canary: 0, failureThreshold: 100 } });
    await settle();
    expect(service.get(job.id)).toMatchObject({ state: 'failed', counts: { succeeded: 2, failed: 1 } });
    expect(ids.map((id) => agents.values.get(id)![SSID])).toEqual(['lab-SN-a1', 'old-a2', 'lab-SN-a3']);
    expect(service.rollbackPreview(job.id).agents).toEqual([
      { endpointId: 'a1', values: { [SSID]: 'old-a1' }, current: { [SSID]: 'lab-SN-a1' } },
      { endpointId: 'a3', values: { [SSID]: 'old-a3' }, current: { [SSID]: 'lab-SN-a3' } },
    ]);
    const rollback = service.rollback(job.id);
    await settle();
    expect(service.get(rollback.id)).toMatchObject({ state: 'succeeded', parentId: job.id, name: 'Rollback of ssid', total: 2 });
    expect(ids.map((id) => agents.values.get(id)![SSID])).toEqual(['old-a1', 'old-a2', 'old-a3']);
  });

  it('rolls back an Add by deleting the instances it created; delete and get jobs have none', async () => {
    const { service, agents } = await setup();
    const job = service.start({ name: 'sub', targets: { agents: ['a1', 'a2'] }, operation: { kind: 'add', object: 'Device.LocalAgent.Subscription.', params: { ID: 'x' } }, options: { canary: 0 } });
    await settle();
    expect(agents.rows.get('a1')).toHaveLength(1);
    const rollback = service.rollback(job.id);
    await settle();
    expect(service.get(rollback.id).state).toBe('succeeded');
    expect(agents.rows.get('a1')).toEqual([]);
    expect(agents.rows.get('a2')).toEqual([]);
    const del = service.start({ name: 'del', targets: { agents: ['a1'] }, operation: { kind: 'delete', paths: ['Device.X.1.'] } });
    await settle();
    expect(() => service.rollback(del.id)).toThrow('a delete job has no rollback (deleted instances cannot be restored)');
  });

  it('shows a firmware job without its secrets, and a retry still sends them', async () => {
    const { service, agents, store } = await setup();
    const fw = 'Device.DeviceInfo.FirmwareImage.';
    Object.assign(agents.values.get('a1')!, {
      'Device.DeviceInfo.SoftwareVersion': '1.0',
      'Device.DeviceInfo.ActiveFirmwareImage': `${fw}1`,
      [`${fw}1.Version`]: '1.0',
      [`${fw}1.Status`]: 'Active',
      [`${fw}1.Available`]: 'true',
      [`${fw}2.Version`]: '0.9',
      [`${fw}2.Status`]: 'Available',
      [`${fw}2.Available`]: 'true',
    });
    const url = 'https://fw:url-pw@fw.example.net/gw-2.0.img';
    const downloads: PathValues[] = [];
    agents.onStartOperate = (_id, command, args) => {
      if (command.endsWith('Download()')) downloads.push(args);
    };
    agents.fail('a1', 'startOperate', uspError(7002, `download from ${url} refused for fw/s3cret`));
    const job = service.start({ name: 'fw', targets: { agents: ['a1'] }, operation: { kind: 'firmware', url, username: 'fw', password: 's3cret', expectedVersion: '2.0' }, options: { canary: 0, failureThreshold: 100 } });
    await settle();
    const shown = service.get(job.id);
    expect(shown).toMatchObject({ state: 'failed', steps: [{ errorMessage: `download failed (7002, download from https://fw:${REDACTED}@fw.example.net/gw-2.0.img refused for fw/${REDACTED})` }] });
    expect(shown.file.operation).toMatchObject({ url: `https://fw:${REDACTED}@fw.example.net/gw-2.0.img`, password: REDACTED });
    const outputs = [JSON.stringify(shown), JSON.stringify(service.report(job.id)), service.reportCsv(job.id), JSON.stringify(store.audit.list())];
    for (const text of outputs) expect(text).not.toMatch(/s3cret|url-pw/);
    service.retry(job.id);
    await settle();
    expect(downloads).toEqual([expect.objectContaining({ URL: url, Username: 'fw', Password: 's3cret' })]);
  });

  it('reports a get job as rows (JSON and CSV) and refuses bad files with every problem', async () => {
    const { service } = await setup();
    const job = service.start({ name: 'report', targets: { agents: ['a1', 'a2'] }, operation: { kind: 'get', paths: [SSID] } });
    await settle();
    expect(service.report(job.id).rows.map((r) => [r.endpointId, r.path, r.after])).toEqual([
      ['a1', SSID, 'old-a1'],
      ['a2', SSID, 'old-a2'],
    ]);
    expect(service.reportCsv(job.id)).toBe(
      `endpointId,state,attempts,errorCode,errorMessage,path,before,after\r\na1,succeeded,1,,,${SSID},,old-a1\r\na2,succeeded,1,,,${SSID},,old-a2\r\n`,
    );
    expect(() => service.start({ name: '', targets: { filter: 'x==1' }, operation: { kind: 'get', paths: [] } })).toThrow(
      /^invalid job file: name: Too small.*; operation\.paths: Too small/,
    );
    await expect(service.preview({ name: 'f', targets: { filter: 'x==1' }, operation: { kind: 'get', paths: [SSID] } })).rejects.toThrow(
      'invalid job file: targets.filter: x==1: unknown agent field "x" at 0',
    );
    expect(() => service.start({ name: 'none', targets: { filter: 'tag=="nope"' }, operation: { kind: 'get', paths: [SSID] } })).toThrow('the targets select no agent');
  });

  it('saves groups and shows their resolved count', async () => {
    const { service } = await setup();
    service.saveGroup({ name: 'lab', filter: 'tag=="lab"' });
    service.saveGroup({ name: 'one', agents: ['a1'] });
    expect(service.groups().map((g) => [g.name, g.count])).toEqual([
      ['lab', 3],
      ['one', 1],
    ]);
    expect(() => service.saveGroup({ name: 'bad', filter: 'tag=' })).toThrow('invalid group: filter: tag=: "=" is not an operator (use "==") at 3');
  });
});
