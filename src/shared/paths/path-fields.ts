// Which path forms each message field accepts (per TR-369). Checked after a
// successful parse so the error can point at the segment that is not allowed there.

import type { ParsedPath, PathKind, PathSegment } from './ast';
import { pathError, type PathError } from './path-error';

export type PathField =
  | 'Get.param_paths'
  | 'GetInstances.obj_paths'
  | 'GetSupportedDM.obj_paths'
  | 'Set.obj_path'
  | 'Add.obj_path'
  | 'Delete.obj_paths'
  | 'Operate.command'
  | 'Subscription.ReferenceList'
  /** ReferenceList of a subscription with that NotifType. */
  | 'Subscription.ReferenceList.ValueChange'
  | 'Subscription.ReferenceList.ObjectCreation'
  | 'Subscription.ReferenceList.ObjectDeletion'
  | 'Subscription.ReferenceList.OperationComplete'
  | 'Subscription.ReferenceList.Event'
  | 'Register.path'
  | 'Deregister.paths'
  /** Paths an agent reports (resolved_path, affected_path, executed_command, Notify paths). */
  | 'agent-output';

interface FieldRule {
  readonly kinds: readonly PathKind[];
  readonly search: boolean;
  readonly references: boolean;
  readonly supported: boolean;
  /** Any instance identifier at all (Register: "cannot be inside a table"). */
  readonly instances: boolean;
  /** What the last segment of an object path must be. */
  readonly ends?: 'table' | 'instance';
}

const ALL_KINDS: readonly PathKind[] = ['object', 'parameter', 'command', 'event'];

const RULES: Record<PathField, FieldRule> = {
  'Get.param_paths': { kinds: ['object', 'parameter'], search: true, references: true, supported: false, instances: true },
  // Must resolve to multi-instance objects; an instance is not a table (7018).
  'GetInstances.obj_paths': { kinds: ['object'], search: true, references: true, supported: false, instances: true, ends: 'table' },
  // Parameter, command and event paths since USP 1.4; supported-model or existing instantiated paths, no search.
  'GetSupportedDM.obj_paths': { kinds: ALL_KINDS, search: false, references: false, supported: true, instances: true },
  'Set.obj_path': { kinds: ['object'], search: true, references: true, supported: false, instances: true },
  // A table path; a search path naming several tables since USP 1.3.
  'Add.obj_path': { kinds: ['object'], search: true, references: true, supported: false, instances: true, ends: 'table' },
  // Instance paths or search paths (R-DEL.1).
  'Delete.obj_paths': { kinds: ['object'], search: true, references: true, supported: false, instances: true, ends: 'instance' },
  'Operate.command': { kinds: ['command'], search: true, references: true, supported: false, instances: true },
  'Subscription.ReferenceList': { kinds: ALL_KINDS, search: true, references: true, supported: false, instances: true },
  // An object path stands for every parameter, command or event below it.
  'Subscription.ReferenceList.ValueChange': { kinds: ['object', 'parameter'], search: true, references: true, supported: false, instances: true },
  'Subscription.ReferenceList.ObjectCreation': { kinds: ['object'], search: true, references: true, supported: false, instances: true, ends: 'table' },
  'Subscription.ReferenceList.ObjectDeletion': { kinds: ['object'], search: true, references: true, supported: false, instances: true, ends: 'instance' },
  'Subscription.ReferenceList.OperationComplete': { kinds: ['object', 'command'], search: true, references: true, supported: false, instances: true },
  'Subscription.ReferenceList.Event': { kinds: ['object', 'event'], search: true, references: true, supported: false, instances: true },
  'Register.path': { kinds: ALL_KINDS, search: false, references: false, supported: false, instances: false },
  'Deregister.paths': { kinds: ALL_KINDS, search: false, references: false, supported: false, instances: false },
  // Agents always report instance-number form (R-MSG.3); events travel as object path + name.
  'agent-output': { kinds: ['object', 'parameter', 'command'], search: false, references: false, supported: false, instances: true },
};

const KIND_WORDS: Record<PathKind, string> = {
  object: 'an object path ending in "."',
  parameter: 'a parameter path',
  command: 'a command path ending in "()"',
  event: 'an event path ending in "!"',
};

export function fieldParseOptions(field: PathField): { allowSupportedInstances: boolean; allowReferences: boolean } {
  const rule = RULES[field];
  return { allowSupportedInstances: rule.supported, allowReferences: rule.references };
}

export function checkPathField(text: string, path: ParsedPath, field: PathField): PathError | undefined {
  const rule = RULES[field];
  if (!rule.kinds.includes(path.kind)) {
    const expected = rule.kinds.map((k) => KIND_WORDS[k]).join(' or ');
    return pathError(text, suffixPosition(text, path), `${field} does not take ${KIND_WORDS[path.kind]}`, expected);
  }
  if (!rule.instances) {
    const inst = path.segments.find((seg) => seg.type !== 'name');
    if (inst) return pathError(text, inst.position, `${field} takes no instance identifiers (it cannot point inside a table)`, 'a name');
  }
  if (!rule.search && path.isSearchPath) {
    return pathError(text, searchPosition(path.segments), `${field} does not take search paths`, 'an instance number');
  }
  const last = path.segments[path.segments.length - 1];
  if (path.kind === 'object' && last && rule.ends === 'table' && last.type !== 'name') {
    return pathError(text, last.position, `${field} takes a table path, and an instance is not a table (7018)`, 'a table name followed by "."');
  }
  if (path.kind === 'object' && last && rule.ends === 'instance' && last.type === 'name' && !last.reference) {
    return pathError(text, text.length - 1, `${field} takes instance paths, not a table or single object`, 'an instance number, "*" or "[...]"');
  }
  return undefined;
}

function suffixPosition(text: string, path: ParsedPath): number {
  if (path.kind === 'command') return text.length - 2;
  if (path.kind === 'parameter') return path.segments[path.segments.length - 1]?.position ?? 0;
  return text.length - 1;
}

function searchPosition(segments: readonly PathSegment[]): number {
  for (const seg of segments) {
    if (seg.type === 'wildcard' || seg.type === 'search') return seg.position;
    if (seg.type === 'name' && seg.reference?.index === '*') return seg.position + seg.name.length;
  }
  return 0;
}
