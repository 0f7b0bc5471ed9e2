import type { DataModel } from '../model/data-model';

/** The values of an object as a controller may read them: `secured` ones read back as "". */
export function readableValues(model: DataModel, objPath: string, readSecured: boolean): Record<string, string> {
  const values = model.values(objPath);
  if (!values) return {};
  const node = model.schema.node(objPath);
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    out[name] = !readSecured && node?.params.get(name)?.secure ? '' : value;
  }
  return out;
}
