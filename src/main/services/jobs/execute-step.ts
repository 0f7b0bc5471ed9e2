// One agent's part of a job, checked against the agent before anything is (re-)sent so a step
// resumed after a crash never applies twice (issue 10 "Survives restarts").

import type { JobOperation, JobOptions } from '../../../shared/jobs/job-file';
import { STEP_ERROR_CODES, type JobStep, type PathValues } from '../../../shared/jobs/job-model';
import { REDACTED, type IsSecretPath } from '../../../shared/jobs/job-secrets';
import { expandPlaceholders, type PlaceholderValues } from '../../../shared/jobs/placeholders';
import { StepFailure, type JobAgentPort } from './agent-port';
import { runFirmware } from './firmware-step';
import { runOperate } from './operate-step';
import { IDENTITY_PLACEHOLDERS, placeholderParameter } from './placeholder-sources';
import { SUBSCRIPTION_TABLE } from './preview-agent';
import { sameValue } from './value-fits';

export interface StepContext {
  op: JobOperation;
  options: JobOptions;
  step: JobStep;
  /** Concrete values of this step (rollback jobs), overriding the operation's templates. */
  plan: PathValues | null;
  placeholders: PlaceholderValues;
  /** Secret parameters: a message never quotes their values (absent: none is). */
  isSecret?: IsSecretPath;
  port: JobAgentPort;
  /** Persists `phase = 'sent'` (and `before`) before a change goes out. */
  markSent(before: PathValues | null): void;
  /** Persists a long step's progress as its `after` (phase 'sent'), or clears it (firmware). */
  saveProgress(progress: PathValues | null): void;
  now(): number;
}

export interface StepResult {
  state: 'succeeded' | 'skipped';
  before: PathValues | null;
  after: PathValues | null;
}

export async function executeStep(ctx: StepContext): Promise<StepResult> {
  const { op } = ctx;
  switch (op.kind) {
    case 'set':
      return runSet(ctx, ctx.plan ?? (await expand(ctx, op.params)));
    case 'add':
      return runAdd(ctx, op.object, await expand(ctx, op.params));
    case 'subscribe':
      // Our subscriptions are told apart by ID (Recipient, the other half of the key, is us).
      return runAdd(ctx, SUBSCRIPTION_TABLE, { ID: op.id, NotifType: op.notifType, ReferenceList: op.paths.join(','), Enable: 'true' }, [['ID']]);
    case 'delete':
      return runDelete(ctx, ctx.plan ? Object.keys(ctx.plan) : op.paths);
    case 'unsubscribe': {
      const existing = await findByKeys(ctx, SUBSCRIPTION_TABLE, [['ID']], { ID: op.id });
      if (!existing) return { state: 'skipped', before: null, after: null };
      return runDelete(ctx, [existing]);
    }
    case 'operate':
      return runOperate(ctx, op, await expand(ctx, op.args), timeout(ctx));
    case 'get':
      return { state: 'succeeded', before: null, after: await ctx.port.get(ctx.step.endpointId, op.paths, timeout(ctx)) };
    case 'firmware':
      return runFirmware({ op, step: ctx.step, port: ctx.port, timeoutMs: timeout(ctx), now: ctx.now, markSent: ctx.markSent, saveProgress: ctx.saveProgress });
  }
}

const timeout = (ctx: StepContext): number => ctx.options.timeoutSeconds * 1000;

/**
 * Expands the operation's templates. A placeholder without a value (an agent that came online
 * before the console read its DeviceInfo) is read from the agent once, then the step fails only
 * if the agent does not have it either.
 */
async function expand(ctx: StepContext, templates: Record<string, string>): Promise<PathValues> {
  const missing = IDENTITY_PLACEHOLDERS.filter((p) => ctx.placeholders[p] === null);
  const used = missing.filter((p) => Object.values(templates).some((t) => t.includes(`{${p}}`)));
  if (used.length === 0) return expandAll(templates, ctx.placeholders);
  const live = await ctx.port.get(ctx.step.endpointId, used.map(placeholderParameter), timeout(ctx));
  const values = { ...ctx.placeholders };
  for (const p of used) values[p] = live[placeholderParameter(p)] ?? null;
  return expandAll(templates, values);
}

function expandAll(templates: Record<string, string>, values: PlaceholderValues): PathValues {
  const out: PathValues = {};
  for (const [key, template] of Object.entries(templates)) {
    const r = expandPlaceholders(template, values);
    if (!r.ok) throw new StepFailure(STEP_ERROR_CODES.placeholder, r.message);
    out[key] = r.value;
  }
  return out;
}

async function runSet(ctx: StepContext, templates: PathValues): Promise<StepResult> {
  const { step, port } = ctx;
  const live = await port.get(step.endpointId, Object.keys(templates), timeout(ctx));
  // A search path resolves to every matching parameter; each gets the path's value.
  const target: PathValues = {};
  for (const [template, value] of Object.entries(templates)) {
    const resolved = template in live ? [template] : Object.keys(live).filter((p) => matchesTemplate(template, p));
    if (resolved.length === 0) throw new StepFailure(STEP_ERROR_CODES.notFound, `${template} does not exist on the agent`);
    for (const p of resolved) target[p] = value;
  }
  const current: PathValues = Object.fromEntries(Object.keys(target).map((p) => [p, live[p]!]));
  // Values changed while the agent was away are not overwritten unless forced (issue 10 "Offline agents").
  if (step.expiresAt !== null && step.expected && !ctx.options.force && step.phase === 'idle') {
    const changed = Object.keys(target).filter((p) => p in step.expected! && !sameValue(undefined, step.expected![p]!, current[p]!));
    const shown = (p: string): string => (ctx.isSecret?.(p) ? REDACTED : current[p]!);
    if (changed.length) throw new StepFailure(STEP_ERROR_CODES.conflict, `changed since the preview: ${changed.map((p) => `${p} is now "${shown(p)}"`).join(', ')}`);
  }
  // The first reading is the one to roll back to; a resumed step keeps it.
  const before = step.before ?? current;
  const pending = Object.keys(target).filter((p) => !sameLoose(current[p]!, target[p]!));
  if (pending.length === 0) return { state: step.phase === 'sent' ? 'succeeded' : 'skipped', before, after: target };
  ctx.markSent(before);
  await port.set(step.endpointId, target, timeout(ctx));
  return { state: 'succeeded', before, after: target };
}

async function runAdd(ctx: StepContext, table: string, params: PathValues, lookupKeys?: string[][]): Promise<StepResult> {
  const { step, port } = ctx;
  const keySets = (lookupKeys ?? (await port.uniqueKeySets(step.endpointId, table))).filter((keys) => keys.every((k) => k in params));
  const existing = keySets.length ? await findByKeys(ctx, table, keySets, params) : undefined;
  if (existing) {
    // Ours if this step had sent its Add before the console stopped; otherwise someone else's.
    if (step.phase === 'sent') return { state: 'succeeded', before: null, after: { [existing]: 'created' } };
    throw new StepFailure(STEP_ERROR_CODES.uniqueKeyExists, `${existing} has the same unique key`);
  }
  if (step.phase === 'sent' && keySets.length === 0) {
    throw new StepFailure(STEP_ERROR_CODES.unexpected, `an Add may have reached the agent before a restart and ${table} has no unique key to check it by: not sent again`);
  }
  ctx.markSent(null);
  const created = await port.add(step.endpointId, table, params, timeout(ctx));
  return { state: 'succeeded', before: null, after: { [created]: 'created' } };
}

async function runDelete(ctx: StepContext, paths: string[]): Promise<StepResult> {
  ctx.markSent(null);
  // Deleting an instance that is already gone succeeds (R-DEL), so a re-sent Delete is harmless.
  await ctx.port.delete(ctx.step.endpointId, paths, timeout(ctx));
  return { state: 'succeeded', before: Object.fromEntries(paths.map((p) => [p, 'existed'])), after: null };
}

async function findByKeys(ctx: StepContext, table: string, keySets: string[][], params: PathValues): Promise<string | undefined> {
  const rows = await ctx.port.instances(ctx.step.endpointId, table, timeout(ctx));
  return rows.find((r) => keySets.some((keys) => keys.every((k) => r.uniqueKeys[k] === params[k])))?.path;
}

/** `Device.WiFi.SSID.*.SSID` matches `Device.WiFi.SSID.2.SSID` (search expressions: any instance). */
function matchesTemplate(template: string, path: string): boolean {
  const pattern = template.replace(/\[[^\]]*\]|\*/g, '\u0000').split('\u0000').map((s) => s.replace(/[.+?^${}()|\\]/g, '\\$&')).join('\\d+');
  return new RegExp(`^${pattern}$`).test(path);
}

/** Equal strings, or equal as integers or as booleans (sameValue is true for equal strings of any type). */
function sameLoose(a: string, b: string): boolean {
  return sameValue('unsignedLong', a, b) || sameValue('boolean', a, b);
}
