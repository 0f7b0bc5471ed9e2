import { checkPath } from '../one-agent/cli-args';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const gsdmCommand = oneAgentCommand({
  name: 'gsdm',
  summary: 'GetSupportedDM: the data model one agent supports',
  synopsis: 'PATH… [--first-level-only] --agent EID <transport flags>',
  description: `Sends one GetSupportedDM asking for parameters, commands, events and unique keys,
and prints the supported objects as JSON. Paths may use {i} (e.g. Device.WiFi.SSID.{i}.).
--first-level-only returns the object and its direct children only.`,
  options: { 'first-level-only': { type: 'boolean', help: 'only the object and its direct children' } },
  positionals: { min: 1, what: 'at least one object path, e.g. Device.' },
  prepare(positionals, values) {
    for (const path of positionals) checkPath(path, 'GetSupportedDM.obj_paths', 'object path');
    return {
      objPaths: positionals,
      firstLevelOnly: values['first-level-only'] === true,
      returnCommands: true,
      returnEvents: true,
      returnParams: true,
      returnUniqueKeySets: true,
    };
  },
  pathsOf: (p) => p.objPaths,
  async execute(session, p) {
    const result = await session.requests.getSupportedDM(session.agentId, p);
    const failures = result.requestedObjs.filter((r) => r.errCode !== 0).map((r) => ({ path: r.requestedPath, errCode: r.errCode, errMsg: r.errMsg }));
    return { result, failures };
  },
});
