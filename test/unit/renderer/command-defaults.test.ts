import { describe, expect, it } from 'vitest';
import type { ArgSchema } from '../../../src/shared/console-api';
import { initialArgs, missingArgs } from '../../../src/renderer/features/tree/command-defaults';

// IPPing() input arguments as the browse service delivers them once enriched from TR-181.
const ipping: ArgSchema[] = [
  { name: 'Interface', type: 'string', constraints: { maxLength: 256 }, reference: { standard: true } },
  { name: 'ProtocolVersion', type: 'string', mandatory: true, constraints: { enumeration: ['Any', 'IPv4', 'IPv6'] }, reference: { standard: true } },
  { name: 'Host', type: 'string', mandatory: true, constraints: { maxLength: 256 }, reference: { standard: true } },
  { name: 'NumberOfRepetitions', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1' }] }, reference: { standard: true } },
  { name: 'Timeout', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1' }] }, reference: { standard: true, units: 'milliseconds' } },
  { name: 'DataBlockSize', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1', max: '65535' }] }, reference: { standard: true } },
  { name: 'DSCP', type: 'unsignedInt', constraints: { ranges: [{ min: '0', max: '63' }] }, reference: { standard: true } },
];

describe('command form defaults', () => {
  it('fills every mandatory IPPing argument except the host, and no optional one', () => {
    const args = initialArgs(ipping);
    expect(args).toEqual({ ProtocolVersion: 'Any', NumberOfRepetitions: '3', Timeout: '1000', DataBlockSize: '64' });
    expect(missingArgs(ipping, args).map((a) => a.name)).toEqual(['Host']);
    expect(missingArgs(ipping, { ...args, Host: '192.0.2.1' })).toEqual([]);
  });

  it('prefers the standard default, and never proposes a value outside the range', () => {
    const args = initialArgs([
      { name: 'Port', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '1', max: '65535' }] }, reference: { standard: true, default: '7' } },
      { name: 'Timeout', type: 'unsignedInt', mandatory: true, constraints: { ranges: [{ min: '5000' }] } },
      { name: 'Enable', type: 'boolean', mandatory: true },
      { name: 'Protocols', type: 'string', mandatory: true, constraints: { list: true, enumeration: ['a', 'b'] } },
    ]);
    expect(args).toEqual({ Port: '7', Enable: 'false' });
  });
});
