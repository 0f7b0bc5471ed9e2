import type { OperateOptions } from '../../controller';
import { checkPath, splitAssignment } from '../one-agent/cli-args';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const operateCommand = oneAgentCommand({
  name: 'operate',
  summary: 'Operate: run a command of one agent (sync, or --async to its OperationComplete)',
  synopsis: 'COMMAND_PATH [ARG=VALUE…] [--async] [--command-key KEY] --agent EID <transport flags>',
  description: `Sends one Operate, e.g. Device.IP.Diagnostics.IPPing() Host=127.0.0.1, and
prints the outcome as JSON. A synchronous command's output arguments come in the OperateResp.
With --async the CLI waits (up to --timeout) for the OperationComplete of every asynchronous
invocation; results reach only subscribers, so when none of our OperationComplete subscriptions
covers the command it creates one first and deletes it afterwards.`,
  options: {
    async: { type: 'boolean', help: 'wait for the OperationComplete of an asynchronous command' },
    'command-key': { type: 'string', value: 'KEY', help: 'the CommandKey sent with the Operate' },
  },
  positionals: { min: 1, what: 'a command path, e.g. Device.Reboot()' },
  prepare(positionals, values, settings): OperateOptions {
    const [command = '', ...assignments] = positionals;
    checkPath(command, 'Operate.command', 'command path');
    const inputArgs: Record<string, string> = {};
    for (const text of assignments) {
      const [name, value] = splitAssignment(text, 'ARG');
      Object.defineProperty(inputArgs, name, { value, enumerable: true, writable: true, configurable: true });
    }
    const async = values.async === true;
    return {
      command,
      inputArgs,
      async,
      ensureSubscription: async,
      timeoutMs: settings.timeoutMs,
      completionTimeoutMs: settings.timeoutMs,
      ...(typeof values['command-key'] === 'string' ? { commandKey: values['command-key'] } : {}),
    };
  },
  pathsOf: (p) => [p.command],
  async execute(session, options) {
    const result = await session.requests.operate(session.agentId, options);
    const failures = result.results.flatMap((r) => (r.kind === 'failure' ? [{ path: r.executedCommand, errCode: r.errCode, errMsg: r.errMsg }] : []));
    return { result, failures };
  },
});
