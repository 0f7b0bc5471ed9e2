import { describe, expect, it } from 'vitest';
import { describeRefresh } from '../../../src/renderer/features/tree/tree-refresh';

describe('Refresh result', () => {
  it('says how many values came back and how many changed', () => {
    expect(describeRefresh({ objects: 12, values: 412, changed: 3, failed: 0, source: 'live' })).toBe('412 values refreshed, 3 changed (12 objects)');
    expect(describeRefresh({ objects: 1, values: 1, changed: 0, failed: 1, source: 'live' })).toBe('1 value refreshed, 0 changed (1 object, 1 failed)');
    expect(describeRefresh({ objects: 2, values: 30, changed: 0, failed: 0, source: 'cache' })).toBe('Agent offline: 30 cached values shown (2 objects)');
  });
});
