// Per-agent preview of each operation kind, from the cache only (issue 10 "Preview").

import type { AddOperation, DeleteOperation, FirmwareOperation, JobOperation, OperateOperation, SetOperation, SubscribeOperation } from '../../../shared/jobs/job-file';
import { expandPlaceholders } from '../../../shared/jobs/placeholders';
import type { AgentPreview, PreviewFlag, PreviewItem } from '../../../shared/jobs/preview';
import type { AgentCacheView } from './agent-cache-view';
import { ACTIVE_IMAGE, FIRMWARE_TABLE, SOFTWARE_VERSION, firmwareState, inactiveImage } from './firmware-outcome';
import { sameValue, valueMisfit } from './value-fits';

export const SUBSCRIPTION_TABLE = 'Device.LocalAgent.Subscription.';

export function previewAgent(op: JobOperation, view: AgentCacheView): AgentPreview {
  const items = itemsOf(op, view);
  const flags = new Set<PreviewFlag>(items.flatMap((i) => i.flags));
  if (!view.online) flags.add('offline');
  if (op.kind === 'delete') flags.add('no-rollback');
  if (!view.hasSchema() && op.kind !== 'get') flags.add('no-schema');
  const skip = items.length > 0 && items.every((i) => i.flags.includes('unchanged'));
  return { endpointId: view.agent.endpointId, online: view.online, items, flags: [...flags], skip };
}

function itemsOf(op: JobOperation, view: AgentCacheView): PreviewItem[] {
  switch (op.kind) {
    case 'set':
      return previewSet(op, view);
    case 'add':
      return [previewAdd(op, view)];
    case 'delete':
      return previewDelete(op, view);
    case 'operate':
      return [previewOperate(op, view)];
    case 'subscribe':
      return [previewSubscribe(op, view)];
    case 'unsubscribe': {
      const existing = subscriptionWithId(view, op.id);
      return [{ path: existing ?? SUBSCRIPTION_TABLE, current: existing ? op.id : null, next: null, flags: existing ? [] : ['unchanged'], ...(existing ? {} : { message: `no subscription ${op.id}` }) }];
    }
    case 'get':
      return op.paths.flatMap((p) => view.expand(p).map((path) => ({ path, current: view.value(path) ?? null, next: null, flags: [] })));
    case 'firmware':
      return [previewFirmware(op, view)];
  }
}

function previewSet(op: SetOperation, view: AgentCacheView): PreviewItem[] {
  const items: PreviewItem[] = [];
  for (const [template, valueTemplate] of Object.entries(op.params)) {
    const expanded = expandPlaceholders(valueTemplate, view.placeholders());
    const paths = view.expand(template);
    if (paths.length === 0) {
      items.push({ path: template, current: null, next: expanded.ok ? expanded.value : null, flags: ['not-found'], message: 'no cached instance matches' });
      continue;
    }
    for (const path of paths) {
      if (!expanded.ok) {
        items.push({ path, current: view.value(path) ?? null, next: null, flags: ['placeholder'], message: expanded.message });
        continue;
      }
      items.push(setItem(view, path, expanded.value));
    }
  }
  return items;
}

function setItem(view: AgentCacheView, path: string, next: string): PreviewItem {
  const current = view.value(path) ?? null;
  if (!view.instancesExist(path)) return { path, current, next, flags: ['not-found'], message: 'the object instance is not in the cache' };
  if (!view.hasSchema()) return { path, current, next, flags: current !== null && current === next ? ['unchanged'] : [] };
  const param = view.param(path);
  if (!param) return { path, current, next, flags: ['not-found'], message: 'not in the supported data model' };
  if (param.access === 'readOnly') return { path, current, next, flags: ['read-only'] };
  const misfit = valueMisfit(param.type, next);
  if (misfit) return { path, current, next, flags: ['bad-value'], message: misfit };
  return { path, current, next, flags: current !== null && sameValue(param.type, current, next) ? ['unchanged'] : [] };
}

function previewAdd(op: AddOperation, view: AgentCacheView): PreviewItem {
  const values: Record<string, string> = {};
  for (const [name, template] of Object.entries(op.params)) {
    const expanded = expandPlaceholders(template, view.placeholders());
    if (!expanded.ok) return { path: op.object, current: null, next: null, flags: ['placeholder'], message: expanded.message };
    values[name] = expanded.value;
  }
  const next = JSON.stringify(values);
  if (!view.hasSchema()) return { path: op.object, current: null, next, flags: [] };
  const table = view.object(op.object + '1.');
  if (!table?.isMultiInstance) return { path: op.object, current: null, next, flags: ['not-found'], message: 'no such table in the supported data model' };
  if (table.access === 'readOnly' || table.access === 'deleteOnly') return { path: op.object, current: null, next, flags: ['read-only'], message: `the table is ${table.access}` };
  for (const [name, value] of Object.entries(values)) {
    const param = table.params.find((p) => p.name === name);
    if (!param) return { path: op.object, current: null, next, flags: ['not-found'], message: `${name} is not a parameter of ${op.object}` };
    const misfit = valueMisfit(param.type, value);
    if (misfit) return { path: op.object, current: null, next, flags: ['bad-value'], message: `${name}: ${misfit}` };
  }
  const clash = collidingInstance(view, op.object, table.uniqueKeySets, values);
  if (clash) return { path: op.object, current: clash, next, flags: ['key-collision'], message: `${clash} has the same unique key` };
  return { path: op.object, current: null, next, flags: [] };
}

/** The cached instance whose unique key (every parameter of one key set given) equals `values`. */
export function collidingInstance(view: AgentCacheView, table: string, keySets: readonly string[][], values: Record<string, string>): string | undefined {
  for (const keys of keySets) {
    if (!keys.every((k) => k in values)) continue;
    const hit = view.instances(table).find((i) => keys.every((k) => (i.uniqueKeys[k] ?? view.value(i.path + k)) === values[k]));
    if (hit) return hit.path;
  }
  return undefined;
}

function previewDelete(op: DeleteOperation, view: AgentCacheView): PreviewItem[] {
  return op.paths.flatMap((p): PreviewItem[] => {
    const paths = view.expand(p);
    if (paths.length === 0 || !paths.every((path) => view.instancesExist(path))) {
      return [{ path: p, current: null, next: null, flags: ['unchanged'], message: 'not in the cache (already gone?)' }];
    }
    return paths.map((path) => ({ path, current: 'exists', next: null, flags: [] }));
  });
}

function previewOperate(op: OperateOperation, view: AgentCacheView): PreviewItem {
  const at = op.command.lastIndexOf('.');
  const objectPath = op.command.slice(0, at + 1);
  const name = op.command.slice(at + 1);
  if (!view.hasSchema()) return { path: op.command, current: null, next: null, flags: [] };
  const command = view.object(objectPath)?.commands.find((c) => c.name === name);
  if (!command) return { path: op.command, current: null, next: null, flags: ['command-unsupported'] };
  const unknownArg = Object.keys(op.args).find((a) => !command.inputArgs.includes(a));
  if (unknownArg && command.inputArgs.length > 0) return { path: op.command, current: null, next: null, flags: ['bad-value'], message: `${name} has no input argument ${unknownArg}` };
  return { path: op.command, current: null, next: null, flags: [] };
}

function previewSubscribe(op: SubscribeOperation, view: AgentCacheView): PreviewItem {
  const existing = subscriptionWithId(view, op.id);
  const next = `${op.notifType} ${op.paths.join(',')}`;
  if (existing) return { path: existing, current: view.value(existing + 'ReferenceList') ?? null, next, flags: ['key-collision'], message: `subscription ${op.id} exists` };
  return { path: SUBSCRIPTION_TABLE, current: null, next, flags: [] };
}

export function subscriptionWithId(view: AgentCacheView, id: string): string | undefined {
  return view.instances(SUBSCRIPTION_TABLE).find((i) => (i.uniqueKeys.ID ?? view.value(i.path + 'ID')) === id)?.path;
}

/**
 * current SoftwareVersion → the expected one, on the image the step would write: the first
 * cached FirmwareImage that is not ActiveFirmwareImage (the engine's rule, firmware-step.ts).
 */
function previewFirmware(op: FirmwareOperation, view: AgentCacheView): PreviewItem {
  const current = view.value(SOFTWARE_VERSION) ?? view.agent.softwareVersion;
  const next = op.expectedVersion;
  if (current === next) return { path: FIRMWARE_TABLE, current, next, flags: ['unchanged'], message: `already on ${next}` };
  if (view.hasSchema() && !view.object(FIRMWARE_TABLE + '1.')?.commands.some((c) => c.name === 'Download()')) {
    return { path: FIRMWARE_TABLE, current, next, flags: ['command-unsupported'], message: 'no FirmwareImage Download()' };
  }
  const rows = view.instances(FIRMWARE_TABLE).map((i) => i.path);
  const active = view.value(ACTIVE_IMAGE);
  if (rows.length === 0 || active === undefined) {
    return { path: FIRMWARE_TABLE, current, next, flags: [], message: 'the FirmwareImage table is not cached (refresh): the image is chosen when the step runs' };
  }
  const values: Record<string, string> = { [SOFTWARE_VERSION]: current ?? '', [ACTIVE_IMAGE]: active };
  for (const row of rows) for (const name of ['Version', 'Status', 'Available']) values[row + name] = view.value(row + name) ?? '';
  const target = inactiveImage(firmwareState(values));
  if (!target) return { path: FIRMWARE_TABLE, current, next, flags: ['not-found'], message: `no inactive FirmwareImage to download into (${active} is the only one)` };
  return { path: target.path, current, next, flags: [], message: `writes ${target.path.slice(0, -1)} (now ${target.version || 'empty'}, ${target.status || 'status unknown'})` };
}
