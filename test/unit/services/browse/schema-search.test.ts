import { describe, expect, it } from 'vitest';
import { SchemaIndex } from '../../../../src/main/services/browse/schema-index';
import { searchSchema } from '../../../../src/main/services/browse/schema-search';
import type { SupportedObject } from '../../../../src/shared/model/schema';

const obj = (path: string, extra: Partial<SupportedObject> = {}): SupportedObject => ({
  path, access: 'readOnly', isMultiInstance: path.endsWith('{i}.'), params: [], commands: [], events: [], uniqueKeySets: [], divergentPaths: [], ...extra,
});

const schema = new SchemaIndex([
  obj('Device.', { events: [{ name: 'Boot!', args: [] }] }),
  obj('Device.IP.Diagnostics.', { commands: [{ name: 'IPPing()', type: 'async', inputArgs: [], outputArgs: [] }] }),
  obj('Device.WiFi.SSID.{i}.', { commands: [{ name: 'Reset()', type: 'sync', inputArgs: [], outputArgs: [] }] }),
]);
const instances = (table: string): number[] => (table === 'Device.WiFi.SSID.' ? [1, 3] : []);

describe('search of the supported data model', () => {
  it('finds commands, events and objects by name, with the known instances filled in', () => {
    expect(searchSchema(schema, 'ipping', 'name', instances, 10)).toEqual([{ kind: 'command', path: 'Device.IP.Diagnostics.IPPing()' }]);
    expect(searchSchema(schema, 'reset', 'name', instances, 10).map((m) => m.path)).toEqual(['Device.WiFi.SSID.1.Reset()', 'Device.WiFi.SSID.3.Reset()']);
    expect(searchSchema(schema, 'boot', 'name', instances, 10)).toEqual([{ kind: 'event', path: 'Device.Boot!' }]);
    expect(searchSchema(schema, 'diagnostics', 'name', instances, 10)).toEqual([
      { kind: 'object', path: 'Device.IP.Diagnostics.' },
      { kind: 'command', path: 'Device.IP.Diagnostics.IPPing()' },
    ]);
  });

  it('finds a command by its exact path, and stops at the limit', () => {
    expect(searchSchema(schema, 'Device.WiFi.SSID.3.Reset()', 'path', instances, 10)).toEqual([{ kind: 'command', path: 'Device.WiFi.SSID.3.Reset()' }]);
    expect(searchSchema(schema, 'Device.IP.Diagnostics.TraceRoute()', 'path', instances, 10)).toEqual([]);
    expect(searchSchema(schema, 'e', 'name', instances, 2)).toHaveLength(2);
  });
});
