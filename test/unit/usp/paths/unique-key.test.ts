import { describe, expect, it } from 'vitest';
import { formatUniqueKey, isUniqueKeyAddress, parsePath, uniqueKeyOf, type SearchSegment } from '../../../../src/main/usp/paths';

function searchSegment(text: string): SearchSegment {
  const result = parsePath(text);
  if (!result.ok) throw new Error(result.error.message);
  const segment = result.path.segments.find((s) => s.type === 'search');
  if (segment?.type !== 'search') throw new Error('no search segment');
  return segment;
}

const PORT_MAPPING_KEYS = [['RemoteHost', 'ExternalPort', 'Protocol'], ['Alias']];

describe('unique-key addressing (all key parameters, any order)', () => {
  it.each([
    ['Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"].', true],
    ['Device.NAT.PortMapping.[Protocol=="TCP"&&RemoteHost==""&&ExternalPort==0].', true],
    ['Device.NAT.PortMapping.[Alias=="cpe-1"].', true],
    // a partially specified compound key is a search
    ['Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0].', false],
    ['Device.NAT.PortMapping.[Alias!="cpe-1"].', false],
    ['Device.NAT.PortMapping.[Enable==true].', false],
    ['Device.NAT.PortMapping.[Alias=="a"&&Alias=="b"].', false],
    ['Device.NAT.PortMapping.[Interface+.Name=="eth0"].', false],
    ['Device.NAT.PortMapping.[Alias=="a"&&Enable==true].', false],
  ])('%s → %s', (text, isKey) => {
    expect(isUniqueKeyAddress(searchSegment(text), PORT_MAPPING_KEYS)).toBe(isKey);
  });

  it('extracts the key constants', () => {
    const keys = uniqueKeyOf(searchSegment('Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0].'));
    expect([...(keys ?? new Map()).entries()].map(([k, v]) => [k, v.text, v.quoted])).toEqual([
      ['RemoteHost', '', true],
      ['ExternalPort', '0', false],
    ]);
    expect(uniqueKeyOf(searchSegment('Device.IP.Interface.[Stats.ErrorsSent==0].'))).toBeUndefined();
  });

  it('formats key addresses that parse back to the same keys', () => {
    const text = formatUniqueKey({ RemoteHost: '', ExternalPort: 0, Protocol: 'TCP', Enable: true, Note: 'a "b" 5%' });
    expect(text).toBe('[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"&&Enable==true&&Note=="a %22b%22 5%25"]');
    const keys = uniqueKeyOf(searchSegment(`Device.NAT.PortMapping.${text}.`));
    expect(keys?.get('Note')?.text).toBe('a "b" 5%');
  });
});
