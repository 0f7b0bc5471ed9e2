// The wizard's editable state and the job file it becomes (docs/jobs.md). Kept as plain text
// fields so half-typed input never throws; main validates the file with the shared schema.

import type { JobFileInput, JobOperationKind, JobTargets } from '../../../shared/jobs/job-file';

export interface DraftRow {
  key: string;
  value: string;
}

export type DraftKind = Exclude<JobOperationKind, 'firmware'> | 'firmware';

export interface JobDraft {
  name: string;
  targets: JobTargets;
  kind: DraftKind;
  /** set: full parameter path → value; add: parameter name → value. */
  params: DraftRow[];
  /** add: the table. */
  object: string;
  /** delete, get, subscribe: one path per line. */
  paths: string;
  /** operate */
  command: string;
  args: DraftRow[];
  async: boolean;
  /** subscribe / unsubscribe */
  subscriptionId: string;
  notifType: 'ValueChange' | 'ObjectCreation' | 'ObjectDeletion' | 'OperationComplete' | 'Event';
  /** firmware */
  url: string;
  expectedVersion: string;
  options: DraftOptions;
}

export interface DraftOptions {
  concurrency: number;
  /** Agents started per second; 0 = no limit. */
  ratePerSecond: number;
  canary: number;
  failureThreshold: number;
  /** datetime-local text; empty = now. */
  startAt: string;
  force: boolean;
}

export function newDraft(targets: JobTargets): JobDraft {
  return {
    name: '',
    targets,
    kind: 'set',
    params: [{ key: '', value: '' }],
    object: '',
    paths: '',
    command: '',
    args: [],
    async: false,
    subscriptionId: '',
    notifType: 'ValueChange',
    url: '',
    expectedVersion: '',
    options: { concurrency: 16, ratePerSecond: 0, canary: 1, failureThreshold: 20, startAt: '', force: false },
  };
}

function rows(list: readonly DraftRow[]): Record<string, string> {
  return Object.fromEntries(list.filter((r) => r.key.trim() !== '').map((r) => [r.key.trim(), r.value]));
}

function lines(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

export function draftOperation(d: JobDraft): JobFileInput['operation'] {
  switch (d.kind) {
    case 'set':
      return { kind: 'set', params: rows(d.params) };
    case 'add':
      return { kind: 'add', object: d.object.trim(), params: rows(d.params) };
    case 'delete':
      return { kind: 'delete', paths: lines(d.paths) };
    case 'get':
      return { kind: 'get', paths: lines(d.paths) };
    case 'operate':
      return { kind: 'operate', command: d.command.trim(), args: rows(d.args), async: d.async };
    case 'subscribe':
      return { kind: 'subscribe', id: d.subscriptionId.trim(), notifType: d.notifType, paths: lines(d.paths) };
    case 'unsubscribe':
      return { kind: 'unsubscribe', id: d.subscriptionId.trim() };
    case 'firmware':
      return { kind: 'firmware', url: d.url.trim(), expectedVersion: d.expectedVersion.trim() };
  }
}

/** The job file; `startAt` is the local time the user picked, sent as an ISO instant. */
export function toJobFile(d: JobDraft): JobFileInput {
  const o = d.options;
  const startAt = o.startAt === '' ? undefined : new Date(o.startAt);
  return {
    name: d.name.trim() || defaultName(d),
    targets: d.targets,
    operation: draftOperation(d),
    options: {
      concurrency: o.concurrency,
      canary: o.canary,
      failureThreshold: o.failureThreshold,
      force: o.force,
      ...(o.ratePerSecond > 0 ? { ratePerSecond: o.ratePerSecond } : {}),
      ...(startAt && !Number.isNaN(startAt.getTime()) ? { startAt: startAt.toISOString() } : {}),
    },
  };
}

export function defaultName(d: JobDraft): string {
  const op = draftOperation(d);
  switch (op.kind) {
    case 'set':
    case 'add':
      return `${op.kind} ${Object.keys(op.params).join(', ') || '…'}`.slice(0, 200);
    case 'operate':
      return `operate ${op.command}`.slice(0, 200);
    default:
      return op.kind;
  }
}

/**
 * The words a user must type before a destructive job starts (issue 10: typed confirmation for
 * delete and FactoryReset()); null when none is needed.
 */
export function requiredConfirmation(d: JobDraft): string | null {
  if (d.kind === 'delete') return 'delete';
  if (d.kind === 'operate' && /(^|\.)FactoryReset\(\)$/.test(d.command.trim())) return 'factory reset';
  return null;
}

/** Describes a selection for people: "3 agents", "filter model==…", "group lab". */
export function describeTargets(t: JobTargets): string {
  if ('agents' in t) return `${t.agents.length} selected agent${t.agents.length === 1 ? '' : 's'}`;
  if ('filter' in t) return `filter ${t.filter}`;
  return `group ${t.group}`;
}
