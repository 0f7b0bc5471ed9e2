import type { AddRequest } from '../../usp/messages';
import { checkPath, splitAssignment } from '../one-agent/cli-args';
import type { PathFailure } from '../framework/report-failure';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const addCommand = oneAgentCommand({
  name: 'add',
  summary: 'Add an object instance to one agent',
  synopsis: 'OBJECT_PATH [PARAM=VALUE…] [--allow-partial] --agent EID <transport flags>',
  description: `Sends one Add creating an instance of the table OBJECT_PATH (e.g.
Device.WiFi.SSID.) with the given parameters (names relative to the new instance, each required).
Prints the AddResp as JSON with the new instance path and its unique keys.`,
  options: { 'allow-partial': { type: 'boolean', help: 'keep what was created even when part of the request fails' } },
  positionals: { min: 1, what: 'a table path, e.g. Device.WiFi.SSID.' },
  prepare(positionals, values): AddRequest {
    const [objPath = '', ...assignments] = positionals;
    checkPath(objPath, 'Add.obj_path', 'object path');
    const params = assignments.map((text) => {
      const [param, value] = splitAssignment(text, 'PARAM');
      return { param, value, required: true };
    });
    return { allowPartial: values['allow-partial'] === true, createObjs: [{ objPath, params }] };
  },
  pathsOf: (p) => p.createObjs.map((o) => o.objPath),
  async execute(session, request) {
    const result = await session.requests.add(session.agentId, request);
    const failures: PathFailure[] = [];
    for (const obj of result.createdObjs) {
      if (!obj.ok) failures.push({ path: obj.requestedPath, errCode: obj.errCode, errMsg: obj.errMsg });
      else for (const e of obj.paramErrs) failures.push({ path: obj.instantiatedPath + e.param, errCode: e.errCode, errMsg: e.errMsg });
    }
    return { result, failures };
  },
});
