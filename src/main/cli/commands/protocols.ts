import { oneAgentCommand } from '../one-agent/one-agent-command';

export const protocolsCommand = oneAgentCommand({
  name: 'protocols',
  summary: 'GetSupportedProtocol: the USP versions one agent speaks',
  synopsis: '--agent EID <transport flags>',
  description: `Sends GetSupportedProtocol and prints the agent's USP versions as JSON.`,
  options: {},
  prepare: () => null,
  async execute(session) {
    return { result: await session.controller.getSupportedProtocol(session.agentId), failures: [] };
  },
});
