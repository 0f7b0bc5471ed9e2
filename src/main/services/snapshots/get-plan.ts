// Splits the Get of `Device.` into requests of bounded size, so a 100k-parameter model does
// not become one giant GetResp (MTP frame limits, agent memory). The size of a subtree is
// estimated from the supported schema (parameters per object) times the instances we listed.
import type { SupportedObject } from '../../../shared/model/schema';
import { parentSchemaPath } from '../../../shared/paths/helpers';
import { schemaPathOf } from '../../store/path-utils';

export interface GetRequestPlan {
  paths: string[];
  /** 1 = only the objects' own parameters; undefined = whole subtrees. */
  maxDepth?: number;
  /** Estimated parameters this request returns. */
  estimate: number;
}

interface SchemaNode {
  params: number;
  multi: boolean;
  children: string[];
}

export class GetPlanner {
  private readonly nodes = new Map<string, SchemaNode>();
  private readonly instancesByTable = new Map<string, string[]>();

  constructor(schema: readonly SupportedObject[], instancePaths: readonly string[]) {
    for (const o of schema) this.nodes.set(o.path, { params: o.params.length, multi: o.isMultiInstance, children: [] });
    for (const path of this.nodes.keys()) {
      const parent = parentSchemaPath(path);
      if (parent) this.nodes.get(parent)?.children.push(path);
    }
    for (const p of instancePaths) {
      const table = p.slice(0, p.slice(0, -1).lastIndexOf('.') + 1);
      const list = this.instancesByTable.get(table) ?? [];
      list.push(p);
      this.instancesByTable.set(table, list);
    }
  }

  /** Requests covering `root` (an object path), each estimated at most `limit` parameters where splitting allows. */
  plan(root: string, limit: number): GetRequestPlan[] {
    const units: { path: string; maxDepth?: number; estimate: number }[] = [];
    this.split(root, limit, units);
    const plans: GetRequestPlan[] = [];
    for (const depth of [undefined, 1]) {
      let current: GetRequestPlan | undefined;
      for (const u of units.filter((x) => x.maxDepth === depth)) {
        if (!current || current.estimate + u.estimate > limit) {
          current = { paths: [], estimate: 0, ...(depth ? { maxDepth: depth } : {}) };
          plans.push(current);
        }
        current.paths.push(u.path);
        current.estimate += u.estimate;
      }
    }
    return plans;
  }

  /** Estimated parameters at and below a concrete object path. */
  estimate(objectPath: string): number {
    const node = this.nodes.get(schemaPathOf(objectPath));
    if (!node) return 1;
    let total = node.params;
    for (const child of this.childObjects(objectPath, node)) total += this.estimate(child);
    return total;
  }

  private split(objectPath: string, limit: number, out: { path: string; maxDepth?: number; estimate: number }[]): void {
    const estimate = this.estimate(objectPath);
    const node = this.nodes.get(schemaPathOf(objectPath));
    if (estimate <= limit || !node) {
      out.push({ path: objectPath, estimate });
      return;
    }
    if (node.params > 0) out.push({ path: objectPath, maxDepth: 1, estimate: node.params });
    for (const child of this.childObjects(objectPath, node)) this.split(child, limit, out);
  }

  /** Concrete child objects: single-instance children by name, tables expanded to their instances. */
  private childObjects(objectPath: string, node: SchemaNode): string[] {
    const out: string[] = [];
    for (const childSchema of node.children) {
      const child = this.nodes.get(childSchema)!;
      const name = childSchema.slice(schemaPathOf(objectPath).length);
      if (child.multi) {
        const table = objectPath + name.slice(0, -'{i}.'.length);
        out.push(...(this.instancesByTable.get(table) ?? []));
      } else {
        out.push(objectPath + name);
      }
    }
    return out;
  }
}
