import { describe, expect, it } from 'vitest';
import { receiveFilters, splitReplyTo, withReplyTo } from '../../../src/main/mtp/mqtt/reply-to-topic';

describe('MQTT reply-to topics (R-MQTT.24/25)', () => {
  it('subscribes to <topic>/# under MQTT 3.1.1, where senders append /reply-to=…, and to the topic alone under MQTT 5', () => {
    expect(receiveFilters('usp/controller/c', 4)).toEqual(['usp/controller/c/#']);
    expect(receiveFilters('usp/controller/c', 5)).toEqual(['usp/controller/c']);
  });

  it('round-trips a reply topic through the topic name', () => {
    const topic = withReplyTo('usp/agent/a', 'usp/controller/c');
    expect(topic).toBe('usp/agent/a/reply-to=usp%2Fcontroller%2Fc');
    expect(splitReplyTo(topic)).toEqual({ topic: 'usp/agent/a', replyTo: 'usp/controller/c' });
  });
});
