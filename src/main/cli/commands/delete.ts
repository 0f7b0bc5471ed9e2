import type { DeleteRequest } from '../../usp/messages';
import { checkPath } from '../one-agent/cli-args';
import type { PathFailure } from '../framework/report-failure';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const deleteCommand = oneAgentCommand({
  name: 'delete',
  summary: 'Delete object instances of one agent',
  synopsis: 'OBJECT_PATH… [--allow-partial] --agent EID <transport flags>',
  description: `Sends one Delete of instance paths or search paths (e.g. Device.WiFi.SSID.3.)
and prints the DeleteResp as JSON: the instances deleted per requested path.`,
  options: { 'allow-partial': { type: 'boolean', help: 'delete what can be deleted even when a path fails' } },
  positionals: { min: 1, what: 'at least one instance path, e.g. Device.WiFi.SSID.3.' },
  prepare(positionals, values): DeleteRequest {
    for (const path of positionals) checkPath(path, 'Delete.obj_paths', 'object path');
    return { allowPartial: values['allow-partial'] === true, objPaths: positionals };
  },
  pathsOf: (p) => p.objPaths,
  async execute(session, request) {
    const result = await session.requests.delete(session.agentId, request);
    const failures: PathFailure[] = [];
    for (const obj of result.deletedObjs) {
      if (!obj.ok) failures.push({ path: obj.requestedPath, errCode: obj.errCode, errMsg: obj.errMsg });
      else for (const e of obj.unaffectedPathErrs) failures.push({ path: e.path, errCode: e.errCode, errMsg: e.errMsg });
    }
    return { result, failures };
  },
});
