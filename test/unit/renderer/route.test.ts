import { describe, expect, it } from 'vitest';
import { formatRoute, parseRoute } from '../../../src/renderer/lib/route';

describe('route', () => {
  it('round-trips views and agent ids with special characters', () => {
    const r = { view: 'tree' as const, agentId: 'os::012345-HGW/1 x' };
    expect(parseRoute(formatRoute(r))).toEqual(r);
    expect(parseRoute('#/feed')).toEqual({ view: 'feed', agentId: null });
    expect(parseRoute('')).toEqual({ view: 'agents', agentId: null });
    expect(parseRoute('#/nope/x')).toEqual({ view: 'agents', agentId: 'x' });
    expect(parseRoute('#/tree/%E0%A4%A')).toEqual({ view: 'tree', agentId: null });
    const withPath = { view: 'tree' as const, agentId: 'proto::a', path: 'Device.IP.Interface.[Name=="eth0"].Status' };
    expect(parseRoute(formatRoute(withPath))).toEqual(withPath);
  });
});
