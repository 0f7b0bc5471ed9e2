import {
  evaluateConditions,
  expandParsed,
  formatPath,
  parsePath,
  referenceTargets,
  type EvaluationContext,
  type InstanceView,
  type NameSegment,
  type ParsedPath,
  type ParamValueType,
  type PathKind,
} from '../../usp/paths';
import type { DataModel } from '../model/data-model';
import { splitParamPath } from '../model/data-model';
import { USP_ERR_INVALID_PATH, USP_ERR_INVALID_PATH_SYNTAX } from '../../../shared/usp-error-codes';

/** A request path resolved against one agent's instantiated model (R-MSG.3: instance numbers only). */
export interface ResolvedPath {
  ok: true;
  kind: PathKind;
  parsed: ParsedPath;
  /** Matched object instances (`Device.WiFi.SSID.1.`); for a path ending at a table name, its rows. */
  objects: string[];
  /** When the path ends at a table name (`Device.WiFi.SSID.`), the concrete table paths. */
  tables: string[] | null;
  /** Parameter, command (`Reboot()`) or event (`Boot!`) name for non-object paths. */
  element: string | null;
}

/** 7008 unparseable, 7026 not in the supported model (or a concrete instance that does not exist). */
export interface PathFailure {
  ok: false;
  code: typeof USP_ERR_INVALID_PATH_SYNTAX | typeof USP_ERR_INVALID_PATH;
  message: string;
  /** True when the path is supported but names an instance that does not exist (7016 in Set/Delete/Operate). */
  missingInstance: boolean;
}

function fail(code: typeof USP_ERR_INVALID_PATH_SYNTAX | typeof USP_ERR_INVALID_PATH, message: string, missingInstance = false): PathFailure {
  return { ok: false, code, message, missingInstance };
}

/** The model as the shared path evaluator sees it, typed by the schema so comparisons follow the parameter's type. */
export function instanceView(model: DataModel): InstanceView {
  // A search over a big table asks for the same few types once per row.
  const types = new Map<string, ParamValueType | undefined>();
  return {
    instances: (table) => model.instances(table),
    value: (path) => model.get(path),
    typeOf: (supportedPath) => {
      if (types.has(supportedPath)) return types.get(supportedPath);
      const [obj, name] = splitParamPath(supportedPath);
      const def = model.schema.node(obj)?.params.get(name);
      const type = def ? { base: def.base, ...(def.list ? { list: true } : {}) } : undefined;
      types.set(supportedPath, type);
      return type;
    },
  };
}

function evaluationContext(view: InstanceView): EvaluationContext {
  return {
    lookup: view.value,
    resolveTarget: (target) => (target.isSearchPath ? expandParsed(target, view) : [formatPath(target)]),
    ...(view.typeOf ? { typeOf: view.typeOf } : {}),
  };
}

/** Follows a reference parameter (`Ref+`, `Ref#2+`, `Ref#*+`) to the existing objects it names. */
function follow(model: DataModel, context: EvaluationContext, obj: string, segment: NameSegment): string[] {
  if (!segment.reference) return [];
  return referenceTargets(model.get(obj + segment.name), segment.reference)
    .flatMap((target) => context.resolveTarget(target))
    .filter((p) => model.exists(p));
}

/**
 * Resolves a path name against the instantiated model: instance numbers, `*`, search
 * expressions and unique-key addressing, reference following. Objects that do
 * not exist simply drop out of search paths; a concrete instance that does not exist is
 * an error (R-GET.0).
 */
export function resolvePath(model: DataModel, text: string): ResolvedPath | PathFailure {
  const parsed = parsePath(text);
  if (!parsed.ok) return fail(USP_ERR_INVALID_PATH_SYNTAX, parsed.error.message);
  const path = parsed.path;
  if (path.isSupportedPath) return fail(USP_ERR_INVALID_PATH_SYNTAX, `${text}: {i} is only allowed in GetSupportedDM`);
  const segments = path.segments;
  const first = segments[0];
  if (first?.type !== 'name' || first.name !== 'Device') return fail(USP_ERR_INVALID_PATH, `${text}: paths start with Device.`);
  const elementCount = path.kind === 'object' ? 0 : 1;
  const context = evaluationContext(instanceView(model));
  let objects = ['Device.'];
  let table: string[] | null = null;
  // The supported-model path walked so far: checks do not depend on instances existing.
  let schemaPath = 'Device.';
  for (let i = 1; i < segments.length - elementCount; i++) {
    const seg = segments[i];
    if (!seg) break;
    if (seg.type === 'name') {
      if (table) return fail(USP_ERR_INVALID_PATH, `${text}: ${seg.name} cannot follow a table name without an instance`);
      if (seg.reference) {
        if (!model.schema.node(schemaPath)?.params.has(seg.name)) return fail(USP_ERR_INVALID_PATH, `${text}: ${seg.name} is not a parameter`);
        objects = [...new Set(objects.flatMap((o) => follow(model, context, o, seg)))];
        // The target's type is only known from a value; continue from the first target.
        const target = objects[0];
        if (!target) return { ok: true, kind: path.kind, parsed: path, objects: [], tables: null, element: null };
        schemaPath = model.schema.node(target)?.path ?? schemaPath;
        continue;
      }
      const probe = `${schemaPath}${seg.name}.`;
      if (model.schema.table(probe)) {
        table = objects.map((o) => `${o}${seg.name}.`);
        objects = [];
        schemaPath = `${probe}{i}.`;
      } else if (model.schema.node(probe)) {
        objects = objects.map((o) => `${o}${seg.name}.`).filter((o) => model.exists(o));
        schemaPath = probe;
      } else {
        return fail(USP_ERR_INVALID_PATH, `${text}: ${probe} is not in the supported data model`);
      }
      continue;
    }
    if (!table) return fail(USP_ERR_INVALID_PATH, `${text}: an instance can only follow a table name`);
    const rows = table.flatMap((t) => model.instances(t).map((n) => `${t}${n}.`));
    if (seg.type === 'instance') {
      objects = table.map((t) => `${t}${seg.number}.`).filter((o) => model.exists(o));
      if (objects.length === 0 && !path.isSearchPath) return fail(USP_ERR_INVALID_PATH, `${text}: instance ${seg.number} does not exist`, true);
    } else if (seg.type === 'wildcard') {
      objects = rows;
    } else if (seg.type === 'search') {
      objects = rows.filter((row) => evaluateConditions(seg.conditions, row, context));
    } else {
      return fail(USP_ERR_INVALID_PATH_SYNTAX, `${text}: {i} is only allowed in GetSupportedDM`);
    }
    table = null;
  }
  if (table && elementCount === 1) return fail(USP_ERR_INVALID_PATH, `${text}: a table needs an instance before an element`);
  const tables = table;
  if (tables) objects = tables.flatMap((t) => model.instances(t).map((n) => `${t}${n}.`));
  let element: string | null = null;
  if (elementCount === 1) {
    const last = segments[segments.length - 1];
    if (last?.type !== 'name') return fail(USP_ERR_INVALID_PATH_SYNTAX, `${text}: bad element name`);
    element = path.kind === 'command' ? `${last.name}()` : path.kind === 'event' ? `${last.name}!` : last.name;
    const node = model.schema.node(schemaPath);
    const known =
      path.kind === 'command' ? node?.commands.has(element) : path.kind === 'event' ? node?.events.has(element) : node?.params.has(element);
    if (!known) return fail(USP_ERR_INVALID_PATH, `${text}: ${element} is not in the supported data model`);
  }
  if (!path.isSearchPath && !path.hasReferenceFollowing && objects.length === 0 && !tables) {
    return fail(USP_ERR_INVALID_PATH, `${text}: object does not exist`, true);
  }
  return { ok: true, kind: path.kind, parsed: path, objects, tables, element };
}
