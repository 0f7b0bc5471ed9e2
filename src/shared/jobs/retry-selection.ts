// Which failed steps "retry" queues again: all, or those matching every criterion given. The
// job page's "retry these" sends one failure group (error code, model, software version) with
// the steps it shows; the API and the CLI may give any of the criteria.

import { z } from 'zod';

export const retrySelectionSchema = z.strictObject({
  /** The step's error code: a USP error code as text ('7004') or 'transport', 'timeout', 'conflict', 'offline'… */
  errorCode: z.string().min(1).max(32).optional(),
  /** The agent's ModelName; null for agents whose model is unknown. */
  model: z.string().max(256).nullable().optional(),
  /** The agent's SoftwareVersion; null for agents whose version is unknown. */
  softwareVersion: z.string().max(256).nullable().optional(),
  /** Only the steps of these agents. */
  endpointIds: z.array(z.string().min(1).max(512)).min(1).max(100_000).optional(),
});
export type RetrySelection = z.infer<typeof retrySelectionSchema>;

/** "with error 7004, model RG-1, software version unknown, among 3 agents" (for messages and the audit log). */
export function describeRetrySelection(s: RetrySelection): string {
  const parts: string[] = [];
  if (s.errorCode !== undefined) parts.push(`error ${s.errorCode}`);
  if (s.model !== undefined) parts.push(`model ${s.model ?? 'unknown'}`);
  if (s.softwareVersion !== undefined) parts.push(`software version ${s.softwareVersion ?? 'unknown'}`);
  const among = s.endpointIds ? `among ${s.endpointIds.length} agents` : '';
  return [parts.length ? `with ${parts.join(', ')}` : '', among].filter(Boolean).join(' ');
}
