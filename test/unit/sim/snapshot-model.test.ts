import { describe, expect, it } from 'vitest';
import { createSnapshotModel, snapshotModelSource } from '../../../src/main/sim/model/snapshot-model';
import { handleGet } from '../../../src/main/sim/handlers/get';
import { syntheticSnapshot } from '../../helpers/synthetic-snapshot';
import { handlerContext } from './handler-context';

describe('models from snapshot files', () => {
  it('serves a snapshot’s values, keeps secured ones hidden and adds the LocalAgent tables the simulator needs', () => {
    const source = snapshotModelSource(syntheticSnapshot(100));
    const model = createSnapshotModel(source);
    expect(model.instances('Device.Hosts.Host.')).toHaveLength(10);
    expect(model.get('Device.Hosts.Host.3.HostName')).toBe('host-3, "lab" box');
    expect(model.schema.table('Device.LocalAgent.Subscription.')).toBeDefined();
    expect(model.schema.node('Device.')?.commands.has('Reboot()')).toBe(true);
    const { ctx } = handlerContext(5, model);
    const [r] = handleGet(ctx, { param_paths: ['Device.Hosts.Host.2.KeyPassphrase'] }).req_path_results ?? [];
    expect(r?.resolved_path_results?.[0]?.result_params).toEqual({ KeyPassphrase: '' });
  });

  it('shares one source between agents without sharing their changes', () => {
    const source = snapshotModelSource(syntheticSnapshot(50));
    const a = createSnapshotModel(source);
    const b = createSnapshotModel(source);
    a.setValue('Device.Hosts.Host.1.', 'Comment', 'mine');
    expect(b.get('Device.Hosts.Host.1.Comment')).toBe('');
  });
});
