import { describe, expect, it } from 'vitest';
import { buildTableRows, filterTableRows, sortTableRows, tableToCsv } from '../../../src/renderer/features/tree/table-model';

const T = 'Device.Hosts.Host.';
const values = [
  { path: `${T}10.HostName`, value: 'printer', readAt: 1 },
  { path: `${T}10.Active`, value: 'true', readAt: 1 },
  { path: `${T}9.HostName`, value: 'laptop, "work"', readAt: 1 },
  { path: `${T}9.Active`, value: 'false', readAt: 1 },
  { path: `${T}9.IPv4Address.1.IPAddress`, value: '192.0.2.9', readAt: 1 },
  { path: `${T}2.Active`, value: 'true', readAt: 1 },
  { path: 'Device.Hosts.HostNumberOfEntries', value: '3', readAt: 1 },
];

describe('multi-instance table', () => {
  const rows = buildTableRows(T, values);

  it('has one row per instance and one cell per parameter of the row (sub-objects left out)', () => {
    expect(rows.map((r) => [r.path, r.cells])).toEqual([
      [`${T}2.`, { Active: 'true' }],
      [`${T}9.`, { HostName: 'laptop, "work"', Active: 'false' }],
      [`${T}10.`, { HostName: 'printer', Active: 'true' }],
    ]);
  });

  it('sorts numbers by value and puts empty cells last; filters on any cell', () => {
    expect(sortTableRows(rows, { column: '#', descending: true }).map((r) => r.instance)).toEqual([10, 9, 2]);
    expect(sortTableRows(rows, { column: 'HostName', descending: false }).map((r) => r.instance)).toEqual([9, 10, 2]);
    expect(sortTableRows(rows, { column: 'HostName', descending: true }).map((r) => r.instance)).toEqual([10, 9, 2]);
    expect(filterTableRows(rows, 'PRINT').map((r) => r.instance)).toEqual([10]);
    expect(filterTableRows(rows, '2').map((r) => r.instance)).toEqual([2]);
  });

  it('exports CSV with quoting', () => {
    expect(tableToCsv(['HostName', 'Active'], rows.slice(1, 2))).toBe(`Path,HostName,Active\r\n${T}9.,"laptop, ""work""",false\r\n`);
  });
});
