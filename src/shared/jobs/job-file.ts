// The job file (docs/jobs.md): what a bulk job does, to whom, and how carefully. One zod schema
// validates files, ConsoleApi calls and HTTP requests, and generates the JSON Schema and OpenAPI.

import { z } from 'zod';
import type { ParsedPath } from '../paths/ast';
import { parsePath } from '../paths/path-parser';
import { parseFilter } from './filter-expression';
import { unknownPlaceholders } from './placeholders';

/** A USP parameter value: strings on the wire; JSON numbers and booleans are accepted and stringified. */
export const jobValueSchema = z.union([z.string().max(65_535), z.number(), z.boolean()]).transform((v) => String(v));

const MAX_PARAMS = 256;
const MAX_PATHS = 256;
const MAX_AGENTS = 100_000;

const pathSchema = z.string().min(1).max(1024).startsWith('Device.', 'a path starts with "Device."');
const paramsSchema = z
  .record(z.string().min(1).max(1024), jobValueSchema)
  .refine((p) => Object.keys(p).length >= 1, 'at least one parameter')
  .refine((p) => Object.keys(p).length <= MAX_PARAMS, `at most ${MAX_PARAMS} parameters`);

export const jobTargetsSchema = z.union([
  z.strictObject({ agents: z.array(z.string().min(1).max(512)).min(1).max(MAX_AGENTS) }),
  z.strictObject({ filter: z.string().min(1).max(4096) }),
  z.strictObject({ group: z.string().min(1).max(200) }),
]);

export const setOperationSchema = z.strictObject({
  kind: z.literal('set'),
  /** Full parameter path → new value; a value may hold placeholders such as `{serial}`. */
  params: paramsSchema,
});

export const addOperationSchema = z.strictObject({
  kind: z.literal('add'),
  /** The table, e.g. `Device.LocalAgent.Subscription.` */
  object: pathSchema.endsWith('.', 'an object path ends with "."'),
  /** Parameter name (relative to the new instance) → value. */
  params: paramsSchema,
});

export const deleteOperationSchema = z.strictObject({
  kind: z.literal('delete'),
  paths: z.array(pathSchema.endsWith('.', 'an object path ends with "."')).min(1).max(MAX_PATHS),
});

export const operateOperationSchema = z.strictObject({
  kind: z.literal('operate'),
  command: pathSchema.endsWith(')', 'a command path ends with "()"'),
  args: z.record(z.string().min(1).max(256), jobValueSchema).default({}),
  async: z.boolean().default(false),
});

export const subscribeOperationSchema = z.strictObject({
  kind: z.literal('subscribe'),
  /** Becomes `Device.LocalAgent.Subscription.{i}.ID`; also what `unsubscribe` removes. */
  id: z.string().min(1).max(64),
  notifType: z.enum(['ValueChange', 'ObjectCreation', 'ObjectDeletion', 'OperationComplete', 'Event']),
  paths: z.array(pathSchema).min(1).max(MAX_PATHS),
});

export const unsubscribeOperationSchema = z.strictObject({
  kind: z.literal('unsubscribe'),
  id: z.string().min(1).max(64),
});

export const getOperationSchema = z.strictObject({
  kind: z.literal('get'),
  paths: z.array(pathSchema).min(1).max(MAX_PATHS),
});

/** Activate()'s `TimeWindow.1.`: seconds after the agent receives the command. */
export const activateWindowSchema = z
  .strictObject({
    start: z.number().int().min(0).max(30 * 86_400),
    end: z.number().int().min(0).max(30 * 86_400),
    mode: z.enum(['AnyTime', 'Immediately', 'WhenIdle', 'ConfirmationNeeded']).default('AnyTime'),
    /** Shown to the user when mode is ConfirmationNeeded. */
    userMessage: z.string().max(256).optional(),
    /** ConfirmationNeeded: how often to ask again (-1 = the agent decides). */
    maxRetries: z.number().int().min(-1).max(10).optional(),
  })
  .refine((w) => w.end >= w.start, { message: 'end must not be before start', path: ['end'] });

export const firmwareOperationSchema = z.strictObject({
  kind: z.literal('firmware'),
  url: z.url({ protocol: /^(https?|ftp)$/, error: 'an http, https or ftp URL of the image is needed' }),
  username: z.string().max(256).optional(),
  password: z.string().max(256).optional(),
  fileSize: z.number().int().nonnegative().optional(),
  checkSum: z.string().max(256).optional(),
  checkSumAlgorithm: z.enum(['SHA-1', 'SHA-224', 'SHA-256', 'SHA-384', 'SHA-512']).optional(),
  /** The SoftwareVersion an updated agent must report. */
  expectedVersion: z.string().min(1, 'the SoftwareVersion the updated agents must report is needed').max(256),
  /** Seconds to wait for TransferComplete! after Download(). */
  downloadTimeoutSeconds: z.number().int().min(1).max(86_400).default(1800),
  /** Activate() in this window instead of at once. */
  activateWindow: activateWindowSchema.optional(),
  /** Seconds to wait for Boot! after Activate() (after the window's end, with activateWindow). */
  bootTimeoutSeconds: z.number().int().min(1).max(86_400).default(600),
});

export const jobOperationSchema = z.discriminatedUnion('kind', [
  setOperationSchema,
  addOperationSchema,
  deleteOperationSchema,
  operateOperationSchema,
  subscribeOperationSchema,
  unsubscribeOperationSchema,
  getOperationSchema,
  firmwareOperationSchema,
]);

export const jobOptionsSchema = z.strictObject({
  /** Agents worked on at once. */
  concurrency: z.number().int().min(1).max(1024).default(16),
  /** Agents started per second; absent = no limit. */
  ratePerSecond: z.number().positive().max(10_000).optional(),
  /** The first N agents must all succeed before the rest start (0 = no canary). */
  canary: z.number().int().min(0).max(10_000).default(1),
  /** Pause the job when more than this % of finished steps failed. */
  failureThreshold: z.number().min(0).max(100).default(20),
  /** Per request to an agent. */
  timeoutSeconds: z.number().min(1).max(3600).default(30),
  /** Automatic retries of transport failures and timeouts (never of USP errors). */
  retries: z.number().int().min(0).max(20).default(2),
  /** How long a step waits for an offline agent before it expires. */
  offlineTtlSeconds: z.number().int().min(0).max(30 * 86_400).default(86_400),
  /** Not before this instant (ISO 8601). */
  startAt: z.iso.datetime({ offset: true }).optional(),
  /** Overwrite values that changed since the preview instead of flagging a conflict. */
  force: z.boolean().default(false),
});

export const jobFileSchema = z.strictObject({
  name: z.string().min(1).max(200),
  targets: jobTargetsSchema,
  operation: jobOperationSchema,
  options: jobOptionsSchema.default(jobOptionsSchema.parse({})),
}).superRefine((job, ctx) => {
  if ('filter' in job.targets) {
    const parsed = parseFilter(job.targets.filter);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['targets', 'filter'], message: parsed.error.message });
  }
  for (const issue of operationIssues(job.operation)) ctx.addIssue({ code: 'custom', path: ['operation', ...issue.path], message: issue.message });
});

/** Checks zod cannot express: path syntax (the USP path parser), root and kind, known placeholders. */
function operationIssues(op: z.output<typeof jobOperationSchema>): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  /** `keyed`: a parameter path given as an object key (set), which pathSchema's "Device." check does not see. */
  const checkPath = (path: string, kind: 'parameter' | 'object' | 'command' | 'any', at: (string | number)[], keyed = false): void => {
    // pathSchema has already refused a path outside "Device." (one message is enough).
    if (!keyed && !path.startsWith('Device.')) return;
    const parsed = parsePath(path);
    if (!parsed.ok) issues.push({ path: at, message: parsed.error.message });
    else if (!underDevice(parsed.path)) issues.push({ path: at, message: `${path}: a path starts with "Device."` });
    else if (kind !== 'any' && parsed.path.kind !== kind) issues.push({ path: at, message: `${path}: a ${kind} path is needed here` });
  };
  /** Add: parameter names relative to the new instance (`Enable`, not `Device.X.1.Enable`). */
  const checkRelative = (name: string, at: (string | number)[]): void => {
    const parsed = parsePath(name);
    if (parsed.ok && underDevice(parsed.path)) issues.push({ path: at, message: `${name}: a parameter name relative to the new instance is needed here, not a full path` });
  };
  const checkValues = (values: Record<string, string>, at: string): void => {
    for (const [key, value] of Object.entries(values)) {
      for (const name of unknownPlaceholders(value)) issues.push({ path: [at, key], message: `unknown placeholder {${name}}` });
    }
  };
  switch (op.kind) {
    case 'set':
      for (const path of Object.keys(op.params)) checkPath(path, 'parameter', ['params', path], true);
      checkValues(op.params, 'params');
      break;
    case 'add':
      checkPath(op.object, 'object', ['object']);
      for (const name of Object.keys(op.params)) checkRelative(name, ['params', name]);
      checkValues(op.params, 'params');
      break;
    case 'delete':
      op.paths.forEach((p, i) => checkPath(p, 'object', ['paths', i]));
      break;
    case 'operate':
      checkPath(op.command, 'command', ['command']);
      checkValues(op.args, 'args');
      break;
    case 'get':
    case 'subscribe':
      op.paths.forEach((p, i) => checkPath(p, 'any', ['paths', i]));
      break;
    default:
      break;
  }
  return issues;
}

/** Whether a parsed path is rooted at `Device.` (the only root of a USP data model). */
function underDevice(path: ParsedPath): boolean {
  const first = path.segments[0];
  return first?.type === 'name' && first.name === 'Device';
}

/** A job file as written (defaults may be missing). */
export type JobFileInput = z.input<typeof jobFileSchema>;
/** A validated job file, defaults filled in. */
export type JobFile = z.output<typeof jobFileSchema>;
export type JobTargets = z.output<typeof jobTargetsSchema>;
export type JobOperation = z.output<typeof jobOperationSchema>;
export type JobOperationKind = JobOperation['kind'];
export type JobOptions = z.output<typeof jobOptionsSchema>;
export type SetOperation = z.output<typeof setOperationSchema>;
export type AddOperation = z.output<typeof addOperationSchema>;
export type DeleteOperation = z.output<typeof deleteOperationSchema>;
export type OperateOperation = z.output<typeof operateOperationSchema>;
export type SubscribeOperation = z.output<typeof subscribeOperationSchema>;
export type GetOperation = z.output<typeof getOperationSchema>;
export type FirmwareOperation = z.output<typeof firmwareOperationSchema>;

/** Issues as one line each: `operation.params: at least one parameter`. */
export function describeJobFileIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(file)'}: ${i.message}`);
}
