import { describe, expect, it } from 'vitest';
import { decodeLiteral, encodeLiteral, pathKindOf, toSupportedPath } from '../../../../src/main/usp/paths';
import { parentSchemaPath } from '../../../../src/shared/paths';
import { schemaPathOf } from '../../../../src/main/store/path-utils';
import { toSchemaPath } from '../../../../src/main/sim/model/schema';

describe('encodeLiteral / decodeLiteral (quoted, with % and " percent-encoded)', () => {
  it.each([
    ['eth0', '"eth0"'],
    ['proto::ctrl', '"proto::ctrl"'],
    ['say "hi"', '"say %22hi%22"'],
    ['100%', '"100%25"'],
    ['%22', '"%2522"'],
    ['', '""'],
    ['a.b]&&c', '"a.b]&&c"'],
    ['Ünïcødé ☃', '"Ünïcødé ☃"'],
  ])('%j ↔ %s', (value, literal) => {
    expect(encodeLiteral(value)).toBe(literal);
    expect(decodeLiteral(literal.slice(1, -1))).toBe(value);
  });

  it('decodes any %XX as UTF-8 and keeps a stray %', () => {
    expect(decodeLiteral('%C3%A9t%C3%A9')).toBe('été');
    expect(decodeLiteral('50% off')).toBe('50% off');
    expect(decodeLiteral('%2')).toBe('%2');
  });
});

describe('pathKindOf', () => {
  it.each([
    ['Device.WiFi.', 'object'],
    ['Device.Reboot()', 'command'],
    ['Device.Boot!', 'event'],
    ['Device.DeviceInfo.SoftwareVersion', 'parameter'],
  ] as const)('%s is %s', (text, kind) => {
    expect(pathKindOf(text)).toBe(kind);
  });
});

describe('toSupportedPath', () => {
  it.each([
    ['Device.WiFi.AccessPoint.1.AssociatedDevice.12.', 'Device.WiFi.AccessPoint.{i}.AssociatedDevice.{i}.'],
    ['Device.WiFi.SSID.1.Stats.BytesSent', 'Device.WiFi.SSID.{i}.Stats.BytesSent'],
    ['Device.LocalAgent.Controller.1.SendOnBoardRequest()', 'Device.LocalAgent.Controller.{i}.SendOnBoardRequest()'],
    ['Device.DeviceInfo.', 'Device.DeviceInfo.'],
    ['Device.X.[Name=="1.2"].Y.3.', 'Device.X.[Name=="1.2"].Y.{i}.'],
  ])('%s → %s', (instantiated, supported) => {
    expect(toSupportedPath(instantiated)).toBe(supported);
  });
});

describe('parentSchemaPath', () => {
  it.each([
    ['Device.WiFi.SSID.{i}.', 'Device.WiFi.'],
    ['Device.WiFi.SSID.{i}.Stats.', 'Device.WiFi.SSID.{i}.'],
    ['Device.WiFi.', 'Device.'],
    ['Device.', null],
  ])('%s → %s', (path, parent) => {
    expect(parentSchemaPath(path)).toBe(parent);
  });
});

describe('one instance → schema path mapping', () => {
  it('is the same function for the store, the simulator and the shared path helpers', () => {
    expect(schemaPathOf).toBe(toSupportedPath);
    expect(toSchemaPath).toBe(toSupportedPath);
  });

  it('treats a trailing instance number like any other (the bracket-aware route agrees)', () => {
    expect(toSupportedPath('Device.WiFi.SSID.12')).toBe('Device.WiFi.SSID.{i}');
    expect(toSupportedPath('Device.X.[Name=="a"].SSID.12')).toBe('Device.X.[Name=="a"].SSID.{i}');
  });
});
