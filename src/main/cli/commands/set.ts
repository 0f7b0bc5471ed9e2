import type { SetRequest } from '../../usp/messages';
import { splitParamAssignment } from '../one-agent/cli-args';
import type { PathFailure } from '../framework/report-failure';
import { oneAgentCommand } from '../one-agent/one-agent-command';

export const setCommand = oneAgentCommand({
  name: 'set',
  summary: 'Set parameters of one agent',
  synopsis: 'PATH=VALUE… [--allow-partial] --agent EID <transport flags>',
  description: `Sends one Set; parameters of the same object (or search path) go into one
UpdateObject, each marked required so a value the agent refuses fails its object. Without
--allow-partial any failure makes the agent answer with an Error and nothing changes.
Prints the SetResp as JSON; refused objects and parameters go to stderr with their USP error (exit 1).`,
  options: { 'allow-partial': { type: 'boolean', help: 'let the objects the agent accepts change even when others fail' } },
  positionals: { min: 1, what: 'at least one PATH=VALUE, e.g. Device.WiFi.SSID.1.SSID=home' },
  prepare(positionals, values): SetRequest {
    const updateObjs: SetRequest['updateObjs'] = [];
    for (const text of positionals) {
      const { objPath, param, value } = splitParamAssignment(text);
      let obj = updateObjs.find((o) => o.objPath === objPath);
      if (!obj) {
        obj = { objPath, params: [] };
        updateObjs.push(obj);
      }
      obj.params.push({ param, value, required: true });
    }
    return { allowPartial: values['allow-partial'] === true, updateObjs };
  },
  pathsOf: (p) => p.updateObjs.map((o) => o.objPath),
  async execute(session, request) {
    const result = await session.requests.set(session.agentId, request);
    const failures: PathFailure[] = [];
    for (const obj of result.updatedObjs) {
      if (obj.ok) {
        for (const i of obj.updatedInstances) for (const e of i.paramErrs) failures.push({ path: i.affectedPath + e.param, errCode: e.errCode, errMsg: e.errMsg });
        continue;
      }
      failures.push({ path: obj.requestedPath, errCode: obj.errCode, errMsg: obj.errMsg });
      for (const i of obj.failedInstances) for (const e of i.paramErrs) failures.push({ path: i.affectedPath + e.param, errCode: e.errCode, errMsg: e.errMsg });
    }
    return { result, failures };
  },
});
