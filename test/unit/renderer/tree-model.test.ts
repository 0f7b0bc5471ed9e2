import { describe, expect, it } from 'vitest';
import type { ObjectChildren } from '../../../src/shared/console-api';
import {
  ancestorsOf, expandTo, flattenTree, initialTreeState, invalidate, markError, markLoaded, markLoading, navigate,
  pathsToLoad, setExpanded,
} from '../../../src/renderer/features/tree/tree-model';

const objInfo = { schemaPath: 'Device.', access: 'readOnly' as const, isMultiInstance: false, uniqueKeySets: [], params: [] };

function children(path: string, partial: Partial<ObjectChildren>): ObjectChildren {
  return {
    agentId: 'a', path, object: objInfo, objects: [], params: [], commands: [], events: [], source: 'cache', oldestReadAt: null,
    ...partial,
  };
}

const root = children('Device.', {
  objects: [
    { kind: 'object', name: 'DeviceInfo', path: 'Device.DeviceInfo.', schemaPath: 'Device.DeviceInfo.', access: 'readOnly', hasChildren: true },
    { kind: 'table', name: 'SSID', path: 'Device.WiFi.SSID.', schemaPath: 'Device.WiFi.SSID.{i}.', access: 'addDelete', hasChildren: true, instanceCount: 2 },
  ],
  params: [{
    path: 'Device.RootDataModelVersion', value: '2.19', readAt: 5,
    schema: { name: 'RootDataModelVersion', type: 'string', access: 'readOnly', valueChange: 'allowed' },
  }],
  commands: [{ name: 'Reboot()', kind: 'async', inputArgs: [], outputArgs: [] }],
  events: [{ name: 'Boot!', args: [] }],
});

const ssids = children('Device.WiFi.SSID.', {
  objects: [
    { kind: 'instance', name: '1', path: 'Device.WiFi.SSID.1.', schemaPath: 'Device.WiFi.SSID.{i}.', access: 'addDelete', hasChildren: true, uniqueKeys: { Alias: 'cpe-1', Name: 'ssid0' } },
    { kind: 'instance', name: '2', path: 'Device.WiFi.SSID.2.', schemaPath: 'Device.WiFi.SSID.{i}.', access: 'addDelete', hasChildren: true, uniqueKeys: {} },
  ],
});

describe('tree model', () => {
  it('shows a loading row until the root is loaded, then objects, params, commands, events', () => {
    let s = initialTreeState();
    expect(pathsToLoad(s)).toEqual(['Device.']);
    s = markLoading(s, 'Device.');
    expect(flattenTree(s).map((r) => r.kind)).toEqual(['object', 'loading']);
    expect(pathsToLoad(s)).toEqual([]);
    s = markLoaded(s, root);
    const rows = flattenTree(s);
    expect(rows.map((r) => [r.kind, r.path, r.depth])).toEqual([
      ['object', 'Device.', 0],
      ['object', 'Device.DeviceInfo.', 1],
      ['table', 'Device.WiFi.SSID.', 1],
      ['param', 'Device.RootDataModelVersion', 1],
      ['command', 'Device.Reboot()', 1],
      ['event', 'Device.Boot!', 1],
    ]);
  });

  it('expanding a table lists its instances labelled with a unique key, loaded lazily', () => {
    let s = markLoaded(initialTreeState(), root);
    s = setExpanded(s, 'Device.WiFi.SSID.', true);
    expect(pathsToLoad(s)).toEqual(['Device.WiFi.SSID.']);
    s = markLoaded(s, ssids);
    const rows = flattenTree(s).filter((r) => r.kind === 'instance');
    expect(rows.map((r) => [r.name, r.depth])).toEqual([['1 (Alias=cpe-1)', 2], ['2', 2]]);
    s = setExpanded(s, 'Device.WiFi.SSID.', false);
    expect(flattenTree(s).some((r) => r.kind === 'instance')).toBe(false);
  });

  it('invalidated nodes are reloaded while the old children stay visible', () => {
    let s = markLoaded(initialTreeState(), root);
    s = markLoaded(setExpanded(s, 'Device.WiFi.SSID.', true), ssids);
    s = invalidate(s, ['Device.WiFi.SSID.', 'Device.Nowhere.']);
    expect(pathsToLoad(s)).toEqual(['Device.WiFi.SSID.']);
    s = markLoading(s, 'Device.WiFi.SSID.');
    expect(pathsToLoad(s)).toEqual([]);
    expect(flattenTree(s).filter((r) => r.kind === 'instance')).toHaveLength(2);
    s = markError(s, 'Device.WiFi.SSID.', 'Agent offline');
    const rows = flattenTree(s);
    expect(rows.find((r) => r.kind === 'error')?.error).toBe('Agent offline');
    expect(rows.filter((r) => r.kind === 'instance')).toHaveLength(2);
  });

  it('ancestorsOf and expandTo reveal a deep path', () => {
    expect(ancestorsOf('Device.WiFi.SSID.1.SSID')).toEqual(['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.']);
    expect(ancestorsOf('Device.WiFi.SSID.1.')).toEqual(['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.']);
    expect(ancestorsOf('Device.IP.Interface.1.Reset()')).toEqual(['Device.', 'Device.IP.', 'Device.IP.Interface.', 'Device.IP.Interface.1.']);
    const s = expandTo(initialTreeState(), 'Device.WiFi.SSID.1.SSID');
    expect([...s.expanded].sort()).toEqual(['Device.', 'Device.WiFi.', 'Device.WiFi.SSID.', 'Device.WiFi.SSID.1.']);
  });

  it('keyboard navigation moves, expands, collapses and goes to the parent', () => {
    const s = markLoaded(initialTreeState(), root);
    const rows = flattenTree(s);
    expect(navigate(rows, null, 'ArrowDown')).toEqual({ select: 'Device.' });
    expect(navigate(rows, 'Device.', 'ArrowDown')).toEqual({ select: 'Device.DeviceInfo.' });
    expect(navigate(rows, 'Device.Boot!', 'ArrowDown')).toEqual({ select: 'Device.Boot!' });
    expect(navigate(rows, 'Device.DeviceInfo.', 'ArrowRight')).toEqual({
      select: 'Device.DeviceInfo.', toggle: { path: 'Device.DeviceInfo.', expanded: true },
    });
    expect(navigate(rows, 'Device.Reboot()', 'ArrowLeft')).toEqual({ select: 'Device.' });
    expect(navigate(rows, 'Device.', 'ArrowLeft')).toEqual({ select: 'Device.', toggle: { path: 'Device.', expanded: false } });
    expect(navigate(rows, 'Device.', 'End')).toEqual({ select: 'Device.Boot!' });
    expect(navigate(rows, 'Device.Boot!', 'Home')).toEqual({ select: 'Device.' });
  });
});
