import type {
  ArgSchema, CommandSchema, EventSchema, ObjectChildren, ParamSchema, ReferenceFacts, ValueConstraints,
} from '../../../shared/console-api';
import { PARAM_TYPES, type ParamType } from '../../../shared/model/schema';
import type { ParamFacts } from './tr181-facts';
import type { Tr181Reference } from './tr181-reference';

function constraintsOf(f: ParamFacts): ValueConstraints {
  const c: ValueConstraints = {};
  if (f.enumerations?.length) c.enumeration = f.enumerations;
  if (f.minLength !== undefined) c.minLength = f.minLength;
  if (f.maxLength !== undefined) c.maxLength = f.maxLength;
  if (f.ranges?.length) {
    c.ranges = f.ranges.map((r) => ({ ...(r.min !== undefined ? { min: String(r.min) } : {}), ...(r.max !== undefined ? { max: String(r.max) } : {}) }));
  }
  if (f.list) c.list = true;
  if (f.secured) c.secured = true;
  return c;
}

function referenceOf(f: ParamFacts | undefined): ReferenceFacts {
  if (!f) return { standard: false };
  return {
    standard: true,
    ...(f.units !== undefined ? { units: f.units } : {}),
    ...(f.default !== undefined ? { default: f.default } : {}),
    ...(f.volatile ? { volatile: true } : {}),
    ...(f.dataType !== undefined ? { dataType: f.dataType } : {}),
    ...(f.status !== undefined ? { status: f.status } : {}),
  };
}

/** GSDM's type wins; the reference fills in only where GSDM says 'unknown' (arguments always). */
function typeOf(reported: ParamType, f: ParamFacts | undefined): ParamType {
  if (reported !== 'unknown' || !f) return reported;
  return (PARAM_TYPES as readonly string[]).includes(f.type) ? (f.type as ParamType) : reported;
}

/** What the host already knows (e.g. `secured` from the agent's model) wins over the reference. */
function merged(own: ValueConstraints | undefined, f: ParamFacts | undefined): ValueConstraints | undefined {
  const c = { ...(f ? constraintsOf(f) : {}), ...own };
  return Object.keys(c).length > 0 ? c : undefined;
}

export function enrichParam(p: ParamSchema, f: ParamFacts | undefined): ParamSchema {
  const constraints = merged(p.constraints, f);
  return { ...p, type: typeOf(p.type, f), ...(constraints ? { constraints } : {}), reference: referenceOf(f) };
}

export function enrichArg(a: ArgSchema, f: ParamFacts | undefined): ArgSchema {
  const constraints = merged(a.constraints, f);
  const mandatory = a.mandatory ?? f?.mandatory;
  return { ...a, type: typeOf(a.type, f), ...(mandatory !== undefined ? { mandatory } : {}), ...(constraints ? { constraints } : {}), reference: referenceOf(f) };
}

function enrichCommand(ref: Tr181Reference, schemaPath: string, c: CommandSchema): CommandSchema {
  return {
    ...c,
    inputArgs: c.inputArgs.map((a) => enrichArg(a, ref.commandArg(schemaPath, c.name, 'input', a.name))),
    outputArgs: c.outputArgs.map((a) => enrichArg(a, ref.commandArg(schemaPath, c.name, 'output', a.name))),
  };
}

function enrichEvent(ref: Tr181Reference, schemaPath: string, e: EventSchema): EventSchema {
  return { ...e, args: e.args.map((a) => enrichArg(a, ref.eventArg(schemaPath, e.name, a.name))) };
}

/** Children of one object with the reference's facts added to its parameters, commands and events. */
export function withReference(ref: Tr181Reference, children: ObjectChildren): ObjectChildren {
  const schemaPath = children.object.schemaPath;
  return {
    ...children,
    object: { ...children.object, params: children.object.params.map((p) => enrichParam(p, ref.param(schemaPath, p.name))) },
    params: children.params.map((p) => ({ ...p, schema: enrichParam(p.schema, ref.param(schemaPath, p.schema.name)) })),
    commands: children.commands.map((c) => enrichCommand(ref, schemaPath, c)),
    events: children.events.map((e) => enrichEvent(ref, schemaPath, e)),
  };
}
