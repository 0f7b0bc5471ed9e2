import { CliUsageError } from '../transport-options';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const protocolsCommand = oneAgentCommand({
  name: 'protocols',
  summary: 'GetSupportedProtocol: the USP versions one agent speaks',
  usage: `usage: usp-console protocols --agent EID <transport flags>

Sends GetSupportedProtocol and prints the agent's USP versions as JSON.`,
  prepare(positionals) {
    if (positionals.length > 0) throw new CliUsageError(`protocols takes no arguments, not "${positionals.join(' ')}"`);
    return null;
  },
  async execute(session) {
    return { result: await session.controller.getSupportedProtocol(session.agentId), failures: [] };
  },
});
