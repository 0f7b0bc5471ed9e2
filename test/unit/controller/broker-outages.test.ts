import { describe, expect, it } from 'vitest';
import { BrokerOutages } from '../../../src/main/controller/broker-outages';

describe('BrokerOutages', () => {
  it('collects the agents an outage took offline across reconnect attempts and hands them out once', () => {
    const outages = new BrokerOutages();
    outages.linkDown('mqtt', ['a', 'b']);
    outages.linkDown('mqtt', []);
    outages.linkDown('stomp', ['c']);
    expect(outages.linkUp('mqtt').sort()).toEqual(['a', 'b']);
    expect(outages.linkUp('mqtt')).toEqual([]);
    outages.forget('stomp');
    expect(outages.linkUp('stomp')).toEqual([]);
  });
});
