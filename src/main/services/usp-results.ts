import type { SupportedObject } from '../../shared/model/schema';
import type { GetPathData } from '../../shared/model/values';
import type * as m from '../usp/messages';

/** A USP core supported object as the shared model spells it (valueType → type). */
export function toModelObject(o: m.SupportedObject): SupportedObject {
  return {
    path: o.path,
    access: o.access,
    isMultiInstance: o.isMultiInstance,
    params: o.params.map((p) => ({ name: p.name, access: p.access, type: p.valueType, valueChange: p.valueChange })),
    commands: o.commands.map((c) => ({ name: c.name, type: c.type, inputArgs: c.inputArgs, outputArgs: c.outputArgs })),
    events: o.events.map((e) => ({ name: e.name, args: e.args })),
    uniqueKeySets: o.uniqueKeySets,
    divergentPaths: o.divergentPaths,
  };
}

/** A USP core Get result as the shared model (and the store) spell it (path → resolvedPath). */
export function toGetPathData(result: m.GetResult): GetPathData[] {
  return result.requestedPaths.map((r) => ({
    requestedPath: r.requestedPath,
    errCode: r.errCode,
    resolved: r.resolved.map((o) => ({ resolvedPath: o.path, params: o.params })),
  }));
}
