// The wizard's editable state and the job file it becomes (docs/jobs.md). Kept as plain text
// fields so half-typed input never throws; main validates the file with the shared schema.

import { jobFileSchema, type JobFileInput, type JobOperationKind, type JobTargets } from '../../../shared/jobs/job-file';

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
  firmware: FirmwareDraft;
  options: DraftOptions;
}

/** A number field: '' while empty (NumberInput's empty value). */
export type DraftNumber = number | '';

export const CHECKSUM_ALGORITHMS = ['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512'] as const;
export const ACTIVATE_MODES = ['AnyTime', 'Immediately', 'WhenIdle', 'ConfirmationNeeded'] as const;

/** The firmware form (docs/jobs.md "Firmware campaigns"); empty optional fields are left out of the file. */
export interface FirmwareDraft {
  url: string;
  username: string;
  password: string;
  fileSize: DraftNumber;
  checkSum: string;
  checkSumAlgorithm: (typeof CHECKSUM_ALGORITHMS)[number] | null;
  expectedVersion: string;
  downloadTimeoutSeconds: DraftNumber;
  bootTimeoutSeconds: DraftNumber;
  /** Activate() in a time window instead of at once. */
  windowEnabled: boolean;
  windowStart: DraftNumber;
  windowEnd: DraftNumber;
  windowMode: (typeof ACTIVATE_MODES)[number];
  /** ConfirmationNeeded only. */
  windowUserMessage: string;
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
    firmware: {
      url: '',
      username: '',
      password: '',
      fileSize: '',
      checkSum: '',
      checkSumAlgorithm: null,
      expectedVersion: '',
      downloadTimeoutSeconds: 1800,
      bootTimeoutSeconds: 600,
      windowEnabled: false,
      windowStart: 0,
      windowEnd: 3600,
      windowMode: 'AnyTime',
      windowUserMessage: '',
    },
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
      return firmwareOperation(d.firmware);
  }
}

function firmwareOperation(f: FirmwareDraft): JobFileInput['operation'] {
  const checkSum = f.checkSum.trim();
  return {
    kind: 'firmware',
    url: f.url.trim(),
    ...(f.username !== '' ? { username: f.username } : {}),
    ...(f.password !== '' ? { password: f.password } : {}),
    ...(f.fileSize !== '' ? { fileSize: f.fileSize } : {}),
    ...(f.checkSumAlgorithm !== null ? { checkSumAlgorithm: f.checkSumAlgorithm } : {}),
    ...(checkSum !== '' ? { checkSum } : {}),
    expectedVersion: f.expectedVersion.trim(),
    ...(f.downloadTimeoutSeconds !== '' ? { downloadTimeoutSeconds: f.downloadTimeoutSeconds } : {}),
    ...(f.bootTimeoutSeconds !== '' ? { bootTimeoutSeconds: f.bootTimeoutSeconds } : {}),
    ...(f.windowEnabled ? { activateWindow: activateWindow(f) } : {}),
  };
}

/** An empty start or end stays empty text, so the schema names the field instead of guessing 0. */
function activateWindow(f: FirmwareDraft): NonNullable<Extract<JobFileInput['operation'], { kind: 'firmware' }>['activateWindow']> {
  return {
    start: f.windowStart as number,
    end: f.windowEnd as number,
    mode: f.windowMode,
    ...(f.windowMode === 'ConfirmationNeeded' && f.windowUserMessage !== '' ? { userMessage: f.windowUserMessage } : {}),
  };
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

/**
 * What the shared schema (the one main validates with) says about the draft's job file, by
 * dotted path (`operation.fileSize`); empty when the file is valid.
 */
export function draftIssues(d: JobDraft): Record<string, string> {
  const r = jobFileSchema.safeParse(toJobFile(d));
  if (r.success) return {};
  const issues: Record<string, string> = {};
  for (const i of r.error.issues) {
    const key = i.path.map(String).join('.') || '(file)';
    issues[key] ??= i.message;
  }
  return issues;
}

export function defaultName(d: JobDraft): string {
  const op = draftOperation(d);
  switch (op.kind) {
    case 'set':
    case 'add':
      return `${op.kind} ${Object.keys(op.params).join(', ') || '…'}`.slice(0, 200);
    case 'operate':
      return `operate ${op.command}`.slice(0, 200);
    case 'firmware':
      return `firmware ${op.expectedVersion || '…'}`.slice(0, 200);
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
