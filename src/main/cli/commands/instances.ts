import { checkPath } from '../one-agent/cli-args';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const instancesCommand = oneAgentCommand({
  name: 'instances',
  summary: 'GetInstances of tables of one agent',
  synopsis: 'OBJECT_PATH… [--first-level-only] --agent EID <transport flags>',
  description: `Sends one GetInstances and prints, per requested path, the instances with their
unique keys as JSON. --first-level-only leaves out instances of nested tables.`,
  options: { 'first-level-only': { type: 'boolean', help: 'leave out instances of nested tables' } },
  positionals: { min: 1, what: 'at least one object path, e.g. Device.WiFi.SSID.' },
  prepare(positionals, values) {
    for (const path of positionals) checkPath(path, 'GetInstances.obj_paths', 'object path');
    return { objPaths: positionals, firstLevelOnly: values['first-level-only'] === true };
  },
  pathsOf: (p) => p.objPaths,
  async execute(session, p) {
    const result = await session.requests.getInstances(session.agentId, p);
    const failures = result.requestedPaths.filter((r) => r.errCode !== 0).map((r) => ({ path: r.requestedPath, errCode: r.errCode, errMsg: r.errMsg }));
    return { result, failures };
  },
});
