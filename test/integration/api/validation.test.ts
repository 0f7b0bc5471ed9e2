import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleApiMethods, type ConsoleApiMethod } from '../../../src/shared/console-api';
import { isConsoleApiErrorData } from '../../../src/shared/api/errors';
import { createApp, type App } from '../../../src/main/app/create-app';
import { toErrorBody } from '../../../src/main/api/api-errors';
import { tempDir } from '../../helpers/temp-dir';
import { collectWarnings } from '../../helpers/warnings';

const A = 'proto::agent-1';
const longText = 'x'.repeat(5000);

/**
 * Bad arguments for every ConsoleApi call, as a compromised or buggy renderer could send
 * them: wrong types, missing arguments, unknown fields, out-of-range numbers, malformed
 * paths and ids, control characters. Each must be refused in main with 'invalid-argument'.
 */
const badInput: Record<ConsoleApiMethod, unknown[][]> = {
  getAppInfo: [[1], ['x']],
  getTransportStatus: [[{}]],
  listAgents: [[{ presence: ['gone'] }], [{ text: 5 }], [{ unknown: true }], ['all']],
  getAgent: [[], [42], ['no-scheme'], [''], [A, 'extra']],
  setAgentTags: [[A], [A, 'tag'], [A, [1, 2]], ['bad id', ['t']]],
  setAgentPinned: [[A, 'yes'], [A]],
  approveAgent: [[null], [{ agentId: A }]],
  rejectAgent: [[[A]]],
  getAgentE2ESession: [[], [A, 1]],
  setAgentE2ESession: [[A, true], [A, { enabled: true, maxRecordSize: 100 }], [A, { enabled: 'yes', maxRecordSize: 0 }], [A, { enabled: true }]],
  forgetAgent: [[], [''], [7], [A, 'extra'], ['x'.repeat(5000)]],
  getSupportedDM: [[A, { refresh: 'yes' }], [A, { other: 1 }], [7]],
  getChildren: [[A, 'Device'], [A, 'Other.'], [A, 'Device.\u0000.'], [A], [A, 'Device.', { refresh: 1 }]],
  refresh: [[A, ''], [A, 'device.x'], [A, 3]],
  searchTree: [[A, { kind: 'regex', text: 'a' }], [A, { kind: 'path' }], [A, { kind: 'value', text: 'a', limit: 0 }], [A, { kind: 'value', text: 'a', limit: 100000 }]],
  completePath: [[A, 5], [A, 'Device.', 0], [A, 'Device.', 'ten']],
  setParameterValues: [
    [A, []],
    [A, [{ path: 'Device.X.', value: 'a' }]],
    [A, [{ path: 'Device.X.Y', value: 5 }]],
    [A, [{ path: 'Device.X.Y', value: 'a', extra: 1 }]],
    [A, [{ path: 'Device.X.Y', value: 'a' }], { allowPartial: 'no' }],
  ],
  addInstance: [[A, 'Device.NAT.PortMapping', []], [A, 'Device.NAT.PortMapping.', [{ param: '', value: 'x' }]], [A, 'Device.NAT.PortMapping.', 'Enable=1']],
  deleteInstances: [[A, []], [A, ['Device.X.1']], [A, 'Device.X.1.']],
  operate: [[A, 'Device.Reboot', {}], [A, 'Device.Reboot()', { Arg: 1 }], [A, 'Device.Reboot()', {}, { completionTimeoutMs: -1 }], [A, 'Device.Reboot()']],
  subscribe: [
    [A, { notifType: 'Boot', referenceList: ['Device.'] }],
    [A, { notifType: 'ValueChange', referenceList: [] }],
    [A, { notifType: 'ValueChange', referenceList: ['Device.'], timeToLive: -5 }],
  ],
  unsubscribe: [[A, ''], [A, 3]],
  listSubscriptions: [['nope']],
  subscribePath: [[A, 'OnBoardRequest', 'Device.'], [A, 'ValueChange', 'X.']],
  queryNotifications: [[{ types: ['Nope'] }], [{ limit: 0 }], [{ limit: 5000 }], [{ path: { text: 'a', match: 'regex' } }], [{ since: -1 }], []],
  queryTrace: [[{ direction: 'both' }], [{ limit: 1.5 }], [{ agentIds: ['bad'] }], [{ text: longText }]],
  getTraceRecord: [[0], ['1'], [1.5], []],
  sendRawMessage: [[A, {}], [A, 'GET'], [A, { header: 'x' }], ['bad', { header: {} }]],
  listSnapshots: [[5], ['no-scheme']],
  captureSnapshot: [[A, { name: 5 }], [A, { unknown: 1 }], [A, { live: 'yes' }]],
  exportSnapshot: [[''], ['1', { redactSecrets: 'no' }]],
  importSnapshot: [[{ fileName: 'a.json' }], ['content'], [{ fileName: 'a', content: 'x', extra: 1 }]],
  deleteSnapshot: [[''], [3]],
  diff: [[{ kind: 'file', file: 'a' }, { kind: 'snapshot', snapshotId: '1' }], [{ kind: 'snapshot', snapshotId: '1' }], [{ kind: 'agent', agentId: 'x' }, { kind: 'agent', agentId: A }]],
  getSettings: [[true]],
  resolveTargets: [[], [{ filter: '' }], [{ agents: [] }], [{ group: 'g', filter: 'x' }]],
  previewJob: [[], ['job'], [{}, { refresh: 'yes' }], [{}, { colour: 1 }]],
  startJob: [[], [42], [{}, 'extra']],
  listJobs: [['x']],
  getJob: [[], [''], [7]],
  controlJob: [['j'], ['j', 'explode'], ['', 'pause']],
  retryJob: [[], ['j', 7004], ['j', '7004'], ['j', { errorCode: '' }], ['j', { endpointIds: [] }], ['j', { model: 1 }]],
  previewRollback: [[], [1]],
  rollbackJob: [[], [null]],
  getJobReport: [[]],
  exportJobReport: [['j'], ['j', 'xml']],
  listGroups: [[1]],
  saveGroup: [[], [{ name: 'g' }], [{ name: 'g', filter: 'tag=' }], [{ name: 'g', agents: [] }]],
  deleteGroup: [[], ['']],
  updateSettings: [
    [{ controllerEndpointId: 'nope' }],
    [{ webSocketListeners: [{ id: 'a', name: 'a', enabled: true, host: 'h', port: 70000, path: '/usp' }] }],
    [{ mqttBrokers: [{ id: 'm', name: 'm', enabled: true, url: 'http://x', protocolVersion: 5, hasPassword: false, controllerTopic: 't' }] }],
    [{ approvalMode: 'maybe' }],
    [{ requestTimeoutMs: 1 }],
    [{ retention: { notificationDays: -1, traceDays: 1, maxTraceRows: 1 } }],
    [{ retention: { notificationDays: 1, traceDays: 1, maxTraceRows: 1, traceRecordKiB: 0 } }],
    [{ retention: { notificationDays: 1, traceDays: 1, maxTraceRows: 1, maxTraceMiB: -1 } }],
    [{ webSocketListeners: [{ id: 'a', name: 'a', enabled: true, host: 'h', port: 1, path: '/a' }, { id: 'a', name: 'b', enabled: true, host: 'h', port: 2, path: '/b' }] }],
    [{ certificates: { trustedCaFile: null, certFile: '/c.crt', keyFile: null } }],
    [{ certificates: { trustedCaFile: '' , certFile: null, keyFile: null } }],
    [],
  ],
  getCertificates: [[true]],
  getControllerTrust: [[], [42], ['no-scheme'], [A, 'extra']],
};

describe('ConsoleApi input validation in main', () => {
  let app: App;
  const { warn, warnings } = collectWarnings();

  beforeAll(async () => {
    app = await createApp({ dataDir: await tempDir(), host: 'web', appVersion: 'test', warn });
  });
  afterAll(async () => {
    await app.close();
    expect(warnings).toEqual([]);
  });

  it('has bad-input cases for every method of the contract', () => {
    expect(Object.keys(badInput).sort()).toEqual([...consoleApiMethods].sort());
  });

  for (const method of consoleApiMethods) {
    it(`refuses bad arguments to ${method} with invalid-argument`, async () => {
      for (const params of badInput[method]) {
        const error = await app.dispatcher.call(method, params).then(
          () => undefined,
          (err: unknown) => toErrorBody(err),
        );
        expect(error, `${method}(${JSON.stringify(params).slice(0, 80)})`).toMatchObject({ code: 'invalid-argument' });
        expect(isConsoleApiErrorData(error)).toBe(true);
        expect(error!.message).toContain(method);
      }
    });
  }

  it('refuses method names outside the contract, including inherited ones', async () => {
    for (const name of ['on', 'constructor', '__proto__', 'toString', 'd', 'update', 'summary']) {
      await expect(app.dispatcher.call(name, [])).rejects.toMatchObject({ code: 'invalid-argument' });
    }
  });

  it('accepts good arguments, with trailing optional arguments absent or null (JSON)', async () => {
    await expect(app.dispatcher.call('listAgents', [])).resolves.toEqual([]);
    await expect(app.dispatcher.call('listAgents', [null])).resolves.toEqual([]);
    await expect(app.dispatcher.call('getAgent', [A])).rejects.toMatchObject({ code: 'not-found' });
    // A bad filter is data pointing at the position (the wizard marks it); an unknown group is an error.
    await expect(app.dispatcher.call('resolveTargets', [{ filter: 'model=="RG-1" && tag=' }])).resolves.toMatchObject({ ok: false, error: { position: 20 } });
    await expect(app.dispatcher.call('resolveTargets', [{ filter: 'tag=="lab"' }])).resolves.toEqual({ ok: true, agents: [] });
    await expect(app.dispatcher.call('resolveTargets', [{ group: 'nope' }])).rejects.toMatchObject({ code: 'invalid-argument', message: 'no group named "nope"' });
    await expect(app.dispatcher.call('queryNotifications', [{ limit: 10 }])).resolves.toEqual({ items: [], nextCursor: null });
    const settings = await app.dispatcher.call('updateSettings', [{ approvalMode: 'hold', requestTimeoutMs: 5000 }]);
    expect(settings).toMatchObject({ approvalMode: 'hold', requestTimeoutMs: 5000 });
  });
});
