import { describe, expect, it } from 'vitest';
import { approvalOf, statusOf } from '../../../src/main/services/agent-approval';

describe('agent approval ↔ controller status', () => {
  it('maps each controller status to the console approval and back', () => {
    for (const status of ['accepted', 'held', 'rejected'] as const) expect(statusOf(approvalOf(status))).toBe(status);
    expect([approvalOf('accepted'), approvalOf('held'), approvalOf('rejected')]).toEqual(['approved', 'pending', 'rejected']);
  });
});
