// Secret parameters in bulk jobs: the stored job and what is sent keep the real values; the
// preview, job details, reports (JSON, CSV), rollback plans, events, error messages and the
// audit log show REDACTED. Secret by name (KeyPassphrase, Password), by the built-in TR-181
// reference (UPA EncryptionKey), or by the agent's cached schema (a vendor parameter).
import { describe, expect, it } from 'vitest';
import { JobEngine } from '../../../../src/main/services/jobs/job-engine';
import { JobsService } from '../../../../src/main/services/jobs/jobs-service';
import type { JobProgressEvent, PathValues } from '../../../../src/shared/jobs/job-model';
import { REDACTED } from '../../../../src/shared/jobs/job-secrets';
import { fleetStore, object, param } from './fleet-store';
import { FakeClock, ScriptedAgents, settle, uspError } from './scripted-agents';

const SSID = 'Device.WiFi.SSID.1.SSID';
const PASSPHRASE = 'Device.WiFi.AccessPoint.1.Security.KeyPassphrase';
const USER_PASSWORD = 'Device.Users.User.1.Password';
const UPA_KEY = 'Device.UPA.Interface.1.EncryptionKey';
/** Named like nothing secret; only the agent's schema flags it secured. */
const VENDOR_CODE = 'Device.X_ACME_Lock.Code';

const OLD: PathValues = { [SSID]: 'old-ssid', [PASSPHRASE]: 'old-wifi-pass-1111', [USER_PASSWORD]: 'old-user-pass-2222', [UPA_KEY]: 'a1a1a1a1a1a1a1a1', [VENDOR_CODE]: 'old-vendor-3333' };
const NEW: PathValues = { [SSID]: 'new-ssid', [PASSPHRASE]: 'new-wifi-pass-4444', [USER_PASSWORD]: 'new-user-pass-5555', [UPA_KEY]: 'b2b2b2b2b2b2b2b2', [VENDOR_CODE]: 'new-vendor-6666' };
const SECRET_VALUES = /old-wifi-pass-1111|old-user-pass-2222|a1a1a1a1a1a1a1a1|old-vendor-3333|new-wifi-pass-4444|new-user-pass-5555|b2b2b2b2b2b2b2b2|new-vendor-6666|add-pass-7777|op-pass-8888/;

const SCHEMA = [
  object('Device.WiFi.SSID.{i}.', [param('SSID')]),
  object('Device.WiFi.AccessPoint.{i}.Security.', [param('KeyPassphrase')]),
  object('Device.Users.User.{i}.', [param('Username'), param('Password')]),
  object('Device.UPA.Interface.{i}.', [param('EncryptionKey', 'hexBinary')]),
  object('Device.X_ACME_Lock.', [{ ...param('Code'), secured: true }]),
];

async function setup() {
  const ids = ['a1', 'a2'];
  const store = await fleetStore(ids.map((endpointId) => ({ endpointId, values: OLD, schema: SCHEMA })));
  const agents = new ScriptedAgents();
  for (const id of ids) agents.agent(id, OLD);
  const events: JobProgressEvent[] = [];
  let n = 0;
  const engine = new JobEngine({ store, port: agents, clock: new FakeClock(), onProgress: (e) => events.push(e), newId: () => `job-${++n}` });
  return { ids, store, agents, events, engine, service: new JobsService(store, engine) };
}

const options = { canary: 0, failureThreshold: 100 };

describe('job secrets: secret parameters', () => {
  it('a Set job shows secret values as REDACTED everywhere, stores and sends the real ones, and rolls back to the real old ones', async () => {
    const { service, agents, store, events } = await setup();
    const file = { name: 'wifi', targets: { agents: ['a1', 'a2'] }, operation: { kind: 'set', params: NEW }, options };
    agents.fail('a2', 'set', uspError(7012, `Invalid value new-wifi-pass-4444 for KeyPassphrase`));

    const preview = await service.preview(file);
    const a1 = Object.fromEntries(preview.agents[0]!.items.map((i) => [i.path, [i.current, i.next]]));
    expect(a1).toEqual({
      [SSID]: ['old-ssid', 'new-ssid'],
      [PASSPHRASE]: [REDACTED, REDACTED],
      [USER_PASSWORD]: [REDACTED, REDACTED],
      [UPA_KEY]: [REDACTED, REDACTED],
      [VENDOR_CODE]: [REDACTED, REDACTED],
    });
    expect(JSON.stringify(preview)).not.toMatch(SECRET_VALUES);

    const job = service.start(file);
    await settle();
    await service.whenSettled(job.id);
    // Sent as written; the stored job keeps the real values (resume, retry, rollback).
    expect(agents.values.get('a1')).toEqual(NEW);
    expect(store.jobs.get(job.id)!.file!.operation).toMatchObject({ params: NEW });
    expect(store.jobs.step(job.id, 'a1')).toMatchObject({ before: OLD, after: NEW, expected: OLD });

    const shown = service.get(job.id);
    expect(shown.file.operation).toEqual({ kind: 'set', params: { [SSID]: 'new-ssid', [PASSPHRASE]: REDACTED, [USER_PASSWORD]: REDACTED, [UPA_KEY]: REDACTED, [VENDOR_CODE]: REDACTED } });
    expect(shown.steps[0]).toMatchObject({ before: { [SSID]: 'old-ssid', [PASSPHRASE]: REDACTED, [VENDOR_CODE]: REDACTED }, after: { [SSID]: 'new-ssid', [UPA_KEY]: REDACTED } });
    expect(shown.steps[1]).toMatchObject({ state: 'failed', errorMessage: `Invalid value ${REDACTED} for KeyPassphrase` });
    const report = service.report(job.id);
    expect(report.rows.find((r) => r.endpointId === 'a1' && r.path === USER_PASSWORD)).toMatchObject({ before: REDACTED, after: REDACTED });
    const csv = service.reportCsv(job.id);
    expect(csv).toContain(`a1,succeeded,1,,,${PASSPHRASE},${REDACTED},${REDACTED}\r\n`);
    expect(csv).toContain(`a1,succeeded,1,,,${SSID},old-ssid,new-ssid\r\n`);
    const audit = store.audit.list();
    expect(audit.find((a) => a.action === 'job:set' && a.endpointId === 'a1')).toMatchObject({ path: SSID, oldValue: 'old-ssid', newValue: 'new-ssid' });
    const rollbackPlan = service.rollbackPreview(job.id);
    expect(rollbackPlan.agents).toEqual([{ endpointId: 'a1', values: { ...OLD, [PASSPHRASE]: REDACTED, [USER_PASSWORD]: REDACTED, [UPA_KEY]: REDACTED, [VENDOR_CODE]: REDACTED }, current: { ...NEW, [PASSPHRASE]: REDACTED, [USER_PASSWORD]: REDACTED, [UPA_KEY]: REDACTED, [VENDOR_CODE]: REDACTED } }]);
    for (const text of [JSON.stringify(shown), JSON.stringify(report), csv, JSON.stringify(audit), JSON.stringify(events), JSON.stringify(rollbackPlan)]) {
      expect(text).not.toMatch(SECRET_VALUES);
    }
    expect(JSON.stringify(events)).toContain(REDACTED);

    const rollback = service.rollback(job.id);
    await settle();
    await service.whenSettled(rollback.id);
    expect(agents.values.get('a1')).toEqual(OLD);
    expect(JSON.stringify(service.get(rollback.id))).not.toMatch(SECRET_VALUES);
    expect(JSON.stringify(store.audit.list())).not.toMatch(SECRET_VALUES);
  });

  it('a conflict message does not quote a secret value the agent changed while offline', async () => {
    const { service, agents, store, engine } = await setup();
    agents.offline.add('a1');
    const job = service.start({ name: 'wifi', targets: { agents: ['a1'] }, operation: { kind: 'set', params: { [PASSPHRASE]: NEW[PASSPHRASE]! } }, options });
    await settle();
    agents.values.get('a1')![PASSPHRASE] = 'changed-pass-9999';
    agents.offline.delete('a1');
    engine.agentOnline('a1');
    await settle();
    expect(service.get(job.id).steps[0]).toMatchObject({ state: 'failed', errorCode: 'conflict', errorMessage: `changed since the preview: ${PASSPHRASE} is now "${REDACTED}"` });
    expect(JSON.stringify(store.audit.list()) + service.reportCsv(job.id)).not.toMatch(/changed-pass-9999|old-wifi-pass-1111|new-wifi-pass-4444/);
  });

  it('a Get job reports a secret parameter it read as REDACTED', async () => {
    const { service, store } = await setup();
    const job = service.start({ name: 'read', targets: { agents: ['a1'] }, operation: { kind: 'get', paths: [SSID, PASSPHRASE] }, options });
    await settle();
    expect(store.jobs.step(job.id, 'a1')!.after).toEqual({ [SSID]: 'old-ssid', [PASSPHRASE]: 'old-wifi-pass-1111' });
    expect(service.report(job.id).rows.map((r) => [r.path, r.after])).toEqual([
      [SSID, 'old-ssid'],
      [PASSPHRASE, REDACTED],
    ]);
    expect(JSON.stringify(store.audit.list()) + service.reportCsv(job.id)).not.toMatch(SECRET_VALUES);
  });

  it('an Add job and an Operate job show secret params and args as REDACTED and send them as written', async () => {
    const { service, agents, store } = await setup();
    const addFile = { name: 'user', targets: { agents: ['a1'] }, operation: { kind: 'add', object: 'Device.Users.User.', params: { Username: 'ops', Password: 'add-pass-7777' } }, options };
    const preview = await service.preview(addFile);
    expect(JSON.parse(preview.agents[0]!.items[0]!.next!)).toEqual({ Username: 'ops', Password: REDACTED });
    const add = service.start(addFile);
    await settle();
    expect(agents.rows.get('a1')).toEqual([{ path: 'Device.Users.User.1.', uniqueKeys: { Username: 'ops', Password: 'add-pass-7777' } }]);
    expect(service.get(add.id).file.operation).toMatchObject({ params: { Username: 'ops', Password: REDACTED } });

    const sentArgs: PathValues[] = [];
    const operate = agents.operate.bind(agents);
    agents.operate = (endpointId, command, args, ...rest) => {
      sentArgs.push(args);
      return operate(endpointId, command, args, ...rest);
    };
    const command = 'Device.X_ACME_Vault.Unlock()';
    const op = service.start({ name: 'unlock', targets: { agents: ['a1'] }, operation: { kind: 'operate', command, args: { User: 'ops', Password: 'op-pass-8888' } }, options });
    await settle();
    expect(sentArgs).toEqual([{ User: 'ops', Password: 'op-pass-8888' }]);
    expect(service.get(op.id).file.operation).toMatchObject({ args: { User: 'ops', Password: REDACTED } });
    for (const id of [add.id, op.id]) {
      for (const text of [JSON.stringify(service.get(id)), JSON.stringify(service.report(id)), service.reportCsv(id)]) expect(text).not.toMatch(SECRET_VALUES);
    }
    expect(JSON.stringify(store.audit.list())).not.toMatch(SECRET_VALUES);
  });
});
