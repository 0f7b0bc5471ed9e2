import { checkPath, intOption } from '../one-agent/cli-args';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const getCommand = oneAgentCommand({
  name: 'get',
  summary: 'Get parameters of one agent (JSON on stdout)',
  synopsis: 'PATH… [--max-depth N] --agent EID <transport flags>',
  description: `Sends one Get with the paths (object, parameter or search paths) and prints the
GetResp as JSON: per requested path its errCode and the resolved objects with their parameters.
--max-depth N limits the depth below object paths (0 = everything; agents before USP 1.2 ignore it).
A path the agent refused is printed on stderr with its USP error code and exits 1.`,
  options: { 'max-depth': { type: 'string', value: 'N', help: 'depth below object paths (0 = everything)', default: '0' } },
  positionals: { min: 1, what: 'at least one path, e.g. Device.DeviceInfo.' },
  prepare(positionals, values) {
    for (const path of positionals) checkPath(path, 'Get.param_paths');
    return { paths: positionals, maxDepth: intOption(values['max-depth'], '--max-depth', 0, 0) };
  },
  pathsOf: (p) => p.paths,
  async execute(session, p) {
    const result = await session.requests.get(session.agentId, p.paths, p.maxDepth > 0 ? { maxDepth: p.maxDepth } : {});
    const failures = result.requestedPaths.filter((r) => r.errCode !== 0).map((r) => ({ path: r.requestedPath, errCode: r.errCode, errMsg: r.errMsg }));
    return { result, failures };
  },
});
