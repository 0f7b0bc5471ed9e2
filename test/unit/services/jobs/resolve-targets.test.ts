import { describe, expect, it } from 'vitest';
import { JobInputError } from '../../../../src/main/services/jobs/job-errors';
import { resolveTargets } from '../../../../src/main/services/jobs/resolve-targets';
import { fleetStore } from './fleet-store';

const fleet = () =>
  fleetStore([
    { endpointId: 'a1', model: 'RG-1', tags: ['lab'], values: { 'Device.WiFi.Radio.1.Channel': '6' } },
    { endpointId: 'a2', model: 'RG-1', tags: ['lab', 'bench'], values: { 'Device.WiFi.Radio.1.Channel': '11' } },
    { endpointId: 'a3', model: 'RG-2', tags: [], online: false, values: { 'Device.WiFi.Radio.1.Channel': '6' } },
    { endpointId: 'a4', model: 'RG-1', tags: ['bench'] },
  ]);

const ids = (agents: { endpointId: string }[]) => agents.map((a) => a.endpointId);

describe('resolveTargets', () => {
  it('evaluates filters over agent fields and cached values', async () => {
    const store = await fleet();
    expect(ids(resolveTargets(store, { filter: 'model=="RG-1" && tag=="lab" && Device.WiFi.Radio.1.Channel==6' }))).toEqual(['a1']);
    expect(ids(resolveTargets(store, { filter: 'Device.WiFi.Radio.1.Channel>5' }))).toEqual(['a1', 'a2', 'a3']);
    // An uncached value matches nothing, not even !=.
    expect(ids(resolveTargets(store, { filter: 'Device.WiFi.Radio.1.Channel!=6' }))).toEqual(['a2']);
    // tag is a list: != means "has no such tag"; an agent with no tags has nothing to compare.
    expect(ids(resolveTargets(store, { filter: 'tag!="lab"' }))).toEqual(['a4']);
    expect(ids(resolveTargets(store, { filter: 'status=="offline"' }))).toEqual(['a3']);
    expect(ids(resolveTargets(store, { filter: 'mtp=="mqtt" && serial=="SN-a2"' }))).toEqual(['a2']);
    store.close();
  });

  it('resolves groups when used: a filter group sees agents added later', async () => {
    const store = await fleet();
    store.groups.save({ name: 'lab', filter: 'tag=="lab"' }, 1);
    store.groups.save({ name: 'pair', agents: ['a4', 'a1', 'a4'] }, 1);
    expect(ids(resolveTargets(store, { group: 'lab' }))).toEqual(['a1', 'a2']);
    store.upsertAgent('a0', { tags: ['lab'] });
    expect(ids(resolveTargets(store, { group: 'lab' }))).toEqual(['a0', 'a1', 'a2']);
    expect(ids(resolveTargets(store, { group: 'pair' }))).toEqual(['a4', 'a1']);
    expect(store.groups.list().map((g) => g.name)).toEqual(['lab', 'pair']);
    expect(() => resolveTargets(store, { group: 'nope' })).toThrow('no group named "nope"');
    store.close();
  });

  it('refuses unknown agents and bad filters with the position', async () => {
    const store = await fleet();
    expect(() => resolveTargets(store, { agents: ['a1', 'zz'] })).toThrow('unknown agents: zz');
    const error = (() => {
      try {
        resolveTargets(store, { filter: 'model=="x" && colour=="red"' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(JobInputError);
    expect(error).toMatchObject({ position: 14, message: 'model=="x" && colour=="red": unknown agent field "colour" at 14' });
    store.close();
  });
});
