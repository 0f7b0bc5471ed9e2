import { z } from 'zod';
import { parseFilter } from './filter-expression';

/** A saved selection: a fixed list of agents, or a filter re-evaluated whenever a job uses it. */
export type AgentGroup = ({ name: string; agents: string[] } | { name: string; filter: string }) & { createdAt: number; updatedAt: number };

export const agentGroupInputSchema = z.union([
  z.strictObject({ name: z.string().min(1).max(200), agents: z.array(z.string().min(1).max(512)).min(1).max(100_000) }),
  z
    .strictObject({ name: z.string().min(1).max(200), filter: z.string().min(1).max(4096) })
    .superRefine((g, ctx) => {
      const parsed = parseFilter(g.filter);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['filter'], message: parsed.error.message });
    }),
]);
export type AgentGroupInput = z.output<typeof agentGroupInputSchema>;
