import { describe, expect, it } from 'vitest';
import { NotifyDedup } from '../../../src/main/controller/notify-dedup';

describe('NotifyDedup', () => {
  it('recognises a repeated msg_id per agent', () => {
    const dedup = new NotifyDedup();
    expect(dedup.firstTime('a', 'ValueChange-1')).toBe(true);
    expect(dedup.firstTime('a', 'ValueChange-1')).toBe(false);
    expect(dedup.firstTime('b', 'ValueChange-1')).toBe(true);
    expect(dedup.firstTime('a', 'ValueChange-2')).toBe(true);
  });

  it('forgets the oldest ids beyond its per-agent bound', () => {
    const dedup = new NotifyDedup(3);
    for (const id of ['1', '2', '3', '4']) expect(dedup.firstTime('a', id)).toBe(true);
    expect(dedup.firstTime('a', '4')).toBe(false);
    expect(dedup.firstTime('a', '1')).toBe(true);
  });

  it('forgets the least recently heard-from agent beyond its agent bound', () => {
    const dedup = new NotifyDedup(10, 2);
    dedup.firstTime('a', 'x');
    dedup.firstTime('b', 'x');
    dedup.firstTime('a', 'y');
    dedup.firstTime('c', 'x');
    expect(dedup.firstTime('a', 'x')).toBe(false);
    expect(dedup.firstTime('b', 'x')).toBe(true);
  });
});

describe('NotifyDedup bounds, exactly', () => {
  it('still recognises the oldest of exactly perAgent ids, and forgets it at perAgent + 1', () => {
    const dedup = new NotifyDedup(3);
    for (const id of ['1', '2', '3']) dedup.firstTime('a', id);
    expect(dedup.firstTime('a', '1')).toBe(false);
    expect(dedup.firstTime('a', '4')).toBe(true);
    expect(dedup.firstTime('a', '2')).toBe(false);
    expect(dedup.firstTime('a', '1')).toBe(true);
  });

  it('remembers nothing with a bound of zero ids', () => {
    const dedup = new NotifyDedup(0);
    expect(dedup.firstTime('a', 'x')).toBe(true);
    expect(dedup.firstTime('a', 'x')).toBe(true);
  });

  it('keeps exactly maxAgents agents', () => {
    const dedup = new NotifyDedup(10, 2);
    dedup.firstTime('a', 'x');
    dedup.firstTime('b', 'x');
    expect(dedup.firstTime('a', 'x')).toBe(false);
    expect(dedup.firstTime('b', 'x')).toBe(false);
  });

  it('has the documented default bounds (256 ids per agent, 100,000 agents)', () => {
    const dedup = new NotifyDedup();
    expect([dedup.perAgent, dedup.maxAgents]).toEqual([256, 100_000]);
    for (let i = 0; i < 256; i++) dedup.firstTime('a', `m${i}`);
    expect(dedup.firstTime('a', 'm0')).toBe(false);
  });

  it('forgets an agent on request, and only that agent', () => {
    const dedup = new NotifyDedup();
    dedup.firstTime('a', 'x');
    dedup.firstTime('b', 'x');
    dedup.forget('a');
    expect(dedup.firstTime('a', 'x')).toBe(true);
    expect(dedup.firstTime('b', 'x')).toBe(false);
  });
});
