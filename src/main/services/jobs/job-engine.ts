// The bulk job engine (issue 10): persisted jobs and per-agent steps, throttled by concurrency,
// rate and canary, paused by the failure threshold, retried with back-off for transport
// failures only, waiting for offline agents, and resumed after a restart without re-applying.

import { randomUUID } from 'node:crypto';
import type { JobFile } from '../../../shared/jobs/job-file';
import { distinctSecrets, jobSecrets, redactSecrets, redactStep, redactValues, secretValues } from '../../../shared/jobs/job-secrets';
import { expandPlaceholders } from '../../../shared/jobs/placeholders';
import { FINISHED_JOB_STATES, STEP_ERROR_CODES, type JobDetail, type JobProgressEvent, type JobState, type JobStep, type JobSummary, type StepCounts } from '../../../shared/jobs/job-model';
import { describeRetrySelection, type RetrySelection } from '../../../shared/jobs/retry-selection';
import type { NewJob, StoredJob } from '../../store/repos/jobs-repo';
import type { Store } from '../../store/store';
import type { SecuredByReference } from '../snapshots/redaction';
import { placeholderValues } from './placeholder-sources';
import { StepFailure, type JobAgentPort } from './agent-port';
import { executeStep, type StepResult } from './execute-step';
import { systemClock, type JobClock } from './job-clock';
import { JobNotFoundError, JobStateError } from './job-errors';
import { JobSecretPaths } from './job-secret-paths';
import { canaryVerdict, countStates, finalState, nextRateSlot, retryDelayMs, startable, tally, thresholdTripped, type FailureTally } from './job-gates';
import { retryableSteps } from './retry-match';

/** Progress events of one job are coalesced over this interval (docs/architecture.md: push traffic is batched). */
const PROGRESS_INTERVAL_MS = 200;

interface JobRun {
  job: StoredJob & { file: JobFile };
  steps: JobStep[];
  /** Index in `steps` by Endpoint ID. */
  index: Map<string, number>;
  /** Steps per state, kept current by saveStep (no decision scans every step). */
  counts: StepCounts;
  /** No step before this index is queued (where the scheduler starts looking). */
  firstQueued: number;
  running: number;
  lastStartAt: number | null;
  timer: unknown;
  /** The canary passed, or the operator resumed after it failed. */
  canaryAccepted: boolean;
  /** Threshold counts from here (reset when the operator resumes or retries). */
  base: FailureTally;
  dirty: Map<string, JobStep>;
}

export interface JobEngineOptions {
  store: Store;
  port: JobAgentPort;
  clock?: JobClock;
  onProgress?: (event: JobProgressEvent) => void;
  newId?: () => string;
  /** Which schema paths a reference model flags secured; default the built-in TR-181 reference. */
  securedByReference?: SecuredByReference;
}

export class JobEngine {
  private readonly runs = new Map<string, JobRun>();
  private readonly store: Store;
  private readonly port: JobAgentPort;
  private readonly clock: JobClock;
  private readonly onProgress: (event: JobProgressEvent) => void;
  private readonly newId: () => string;
  private readonly securedByReference: SecuredByReference | undefined;
  private flushTimer: unknown = null;
  private readonly settledWaiters = new Map<string, (() => void)[]>();
  /** Requests of steps started inside the current transaction, sent once it has committed. */
  private readonly launches: (() => void)[] = [];
  private depth = 0;

  constructor(options: JobEngineOptions) {
    this.store = options.store;
    this.port = options.port;
    this.clock = options.clock ?? systemClock;
    this.onProgress = options.onProgress ?? (() => undefined);
    this.newId = options.newId ?? randomUUID;
    this.securedByReference = options.securedByReference;
  }

  /**
   * Which values are secrets, for one pass over what leaves the engine (the jobs service's
   * details, previews and reports; here events, audit entries and error messages).
   */
  secretPaths(): JobSecretPaths {
    return new JobSecretPaths(this.store, this.securedByReference);
  }

  /**
   * Picks up every unfinished job (after a restart): steps caught in flight are re-checked before
   * anything is re-sent. A cancelling job only settles the steps whose request may have reached
   * the agent; the others are cancelled.
   */
  start(): void {
    for (const job of this.store.jobs.unfinished()) {
      if (!job.file || this.runs.has(job.id)) continue;
      const file = job.file;
      this.atomically(() => {
        const run = this.load({ ...job, file }, this.store.jobs.steps(job.id));
        for (const s of run.steps) {
          if (s.state !== 'running') continue;
          const drop = job.state === 'cancelling' && s.phase === 'idle';
          this.saveStep(run, drop ? { ...s, state: 'cancelled', finishedAt: this.clock.now() } : { ...s, state: 'queued' });
        }
        run.canaryAccepted = run.steps.slice(file.options.canary).some((s) => s.state !== 'queued' || s.attempts > 0);
        this.pump(run);
      });
    }
  }

  /** Stops timers; jobs stay as they are on disk and resume on the next start(). */
  stop(): void {
    for (const run of this.runs.values()) this.clock.clearTimer(run.timer);
    this.clock.clearTimer(this.flushTimer);
    this.flushTimer = null;
    this.runs.clear();
  }

  create(file: JobFile, steps: NewJob['steps'], parentId: string | null = null): JobSummary {
    const stored = this.store.jobs.create({ id: this.newId(), file, state: 'scheduled', parentId, steps }, this.clock.now());
    this.auditJob(stored, 'created', `${steps.length} agents`);
    const run = this.load({ ...stored, file }, this.store.jobs.steps(stored.id));
    this.atomically(() => this.pump(run));
    return this.store.jobs.summary(run.job);
  }

  list(): JobSummary[] {
    return this.store.jobs.list().map((j) => this.store.jobs.summary(j));
  }

  get(id: string): JobDetail {
    const job = this.store.jobs.get(id);
    if (!job?.file) throw new JobNotFoundError(id);
    return { ...this.store.jobs.summary(job), file: job.file, steps: this.store.jobs.steps(id) };
  }

  pause(id: string, reason = 'paused by the operator'): JobSummary {
    const run = this.activeRun(id);
    if (run.job.state === 'paused') return this.summary(run);
    if (run.job.state === 'cancelling') throw new JobStateError(`job ${id} is cancelling`);
    this.setJobState(run, 'paused', reason);
    return this.summary(run);
  }

  resume(id: string): JobSummary {
    const run = this.activeRun(id);
    if (run.job.state !== 'paused') throw new JobStateError(`job ${id} is ${run.job.state}, not paused`);
    run.canaryAccepted = run.canaryAccepted || canaryVerdict(run.steps, run.job.file.options.canary) !== 'pending';
    run.base = tally(run.counts);
    this.atomically(() => {
      this.setJobState(run, 'running', null);
      this.pump(run);
    });
    return this.summary(run);
  }

  /**
   * Steps not started are cancelled at once; steps in flight finish (or time out) with their real
   * outcome, and the job is 'cancelling' until the last of them has.
   */
  cancel(id: string): JobSummary {
    const run = this.activeRun(id);
    if (run.job.state === 'cancelling') return this.summary(run);
    this.atomically(() => {
      for (const s of run.steps) if (s.state === 'queued' || s.state === 'waiting-offline') this.saveStep(run, { ...s, state: 'cancelled', finishedAt: this.clock.now() });
      if (run.running === 0) {
        this.end(run, 'cancelled');
      } else {
        this.setJobState(run, 'cancelling', null);
        this.auditJob(run.job, 'cancelling', `${run.running} steps in flight`);
        this.clock.clearTimer(run.timer);
        run.timer = null;
      }
    });
    return this.summary(run);
  }

  /**
   * Queues failed (and expired) steps again: all, or those matching every criterion of the
   * selection (error code, the agent's model and software version, agents); the job runs again.
   */
  retry(id: string, selection: RetrySelection = {}): JobSummary {
    const job = this.store.jobs.get(id);
    if (!job?.file) throw new JobNotFoundError(id);
    if (job.state === 'cancelling') throw new JobStateError(`job ${id} is cancelling`);
    const run = this.runs.get(id) ?? this.load({ ...job, file: job.file }, this.store.jobs.steps(id));
    const again = retryableSteps(run.steps, selection, (endpointId) => {
      const agent = this.store.agents.get(endpointId);
      return agent && { model: agent.modelName, softwareVersion: agent.softwareVersion };
    });
    const which = describeRetrySelection(selection);
    if (again.length === 0) throw new JobStateError(`job ${id} has no failed steps${which ? ` ${which}` : ''} to retry`);
    this.atomically(() => {
      for (const s of again) this.saveStep(run, { ...s, state: 'queued', attempts: 0, nextAt: null, expiresAt: null, finishedAt: null });
      run.canaryAccepted = true;
      run.base = tally(run.counts);
      this.auditJob(run.job, 'retry', `${again.length} steps${which ? ` ${which}` : ''}`);
      this.setJobState(run, 'running', null, { finishedAt: null });
      this.pump(run);
    });
    return this.summary(run);
  }

  /** An agent came online: its waiting steps go back in the queue. */
  agentOnline(endpointId: string): void {
    for (const run of this.runs.values()) {
      const i = run.index.get(endpointId);
      if (i === undefined) continue;
      const step = run.steps[i]!;
      if (step.state !== 'waiting-offline') continue;
      this.atomically(() => {
        this.saveStep(run, { ...step, state: 'queued', nextAt: null });
        this.pump(run);
      });
    }
  }

  /** Resolves when the job is finished, or paused with no step in flight (the CLI's `job run` and the tests wait on this). */
  whenSettled(id: string): Promise<JobSummary> {
    const job = this.store.jobs.get(id);
    if (!job) return Promise.reject(new JobNotFoundError(id));
    const idle = (this.runs.get(id)?.running ?? 0) === 0;
    if (FINISHED_JOB_STATES.has(job.state) || (job.state === 'paused' && idle)) return Promise.resolve(this.store.jobs.summary(job));
    return new Promise((resolve) => {
      const list = this.settledWaiters.get(id) ?? [];
      list.push(() => resolve(this.store.jobs.summary(this.store.jobs.get(id)!)));
      this.settledWaiters.set(id, list);
    });
  }

  // ---- scheduling

  private load(job: StoredJob & { file: JobFile }, steps: JobStep[]): JobRun {
    const index = new Map(steps.map((s, i) => [s.endpointId, i]));
    const run: JobRun = { job, steps, index, counts: countStates(steps), firstQueued: 0, running: 0, lastStartAt: null, timer: null, canaryAccepted: false, base: { finished: 0, failed: 0 }, dirty: new Map() };
    this.runs.set(job.id, run);
    return run;
  }

  private activeRun(id: string): JobRun {
    const run = this.runs.get(id);
    if (run && !FINISHED_JOB_STATES.has(run.job.state)) return run;
    const job = this.store.jobs.get(id);
    if (!job) throw new JobNotFoundError(id);
    throw new JobStateError(`job ${id} is ${job.state}`);
  }

  private pump(run: JobRun): void {
    this.clock.clearTimer(run.timer);
    run.timer = null;
    const now = this.clock.now();
    const { options } = run.job.file;
    if (run.job.state === 'scheduled') {
      const startAt = options.startAt ? Date.parse(options.startAt) : 0;
      if (startAt > now) {
        run.timer = this.clock.setTimer(() => this.atomically(() => this.pump(run)), startAt - now);
        return;
      }
      this.setJobState(run, 'running', null, { startedAt: now });
    }
    if (run.job.state !== 'running' && run.job.state !== 'cancelling') return;
    // A cancelling job only has the steps a restart caught in flight left to settle.
    const cancelling = run.job.state === 'cancelling';
    // Stryker disable next-line EqualityOperator: equivalent, the count is never negative and with no waiting step the scan expires nothing
    if (run.counts['waiting-offline'] > 0) {
      for (const s of run.steps) {
        if (s.state === 'waiting-offline' && s.expiresAt !== null && s.expiresAt <= now) {
          this.finishStep(run, s, { state: 'expired', errorCode: 'offline', errorMessage: `the agent stayed offline for ${options.offlineTtlSeconds} s` });
        }
      }
    }
    const canary = canaryVerdict(run.steps, options.canary);
    if (canary === 'failed' && !run.canaryAccepted && !cancelling) {
      this.setJobState(run, 'paused', `canary failed: the first ${Math.min(options.canary, run.steps.length)} agents must all succeed`);
      return;
    }
    const canaryOpen = cancelling || run.canaryAccepted || canary === 'passed';
    while (run.firstQueued < run.steps.length && run.steps[run.firstQueued]!.state !== 'queued') run.firstQueued++;
    // When capacity is left over, every queued step was looked at, so `wakeAt` covers the delayed ones.
    const { due, wakeAt: delayedUntil } = startable(run.steps, canaryOpen, options.canary, now, run.firstQueued, options.concurrency - run.running);
    let wakeAt = delayedUntil;
    for (const step of due) {
      const slot = nextRateSlot(run.lastStartAt, options);
      if (slot > now) {
        wakeAt = Math.min(wakeAt, slot);
        break;
      }
      this.startStep(run, step);
    }
    const end = finalState(run.counts);
    if (end && run.running === 0) {
      this.end(run, cancelling ? 'cancelled' : end);
      return;
    }
    // Stryker disable next-line EqualityOperator: equivalent, the count is never negative and with no waiting step the scan finds no expiry
    if (run.counts['waiting-offline'] > 0) {
      for (const s of run.steps) if (s.state === 'waiting-offline' && s.expiresAt !== null) wakeAt = Math.min(wakeAt, s.expiresAt);
    }
    if (wakeAt < Infinity) run.timer = this.clock.setTimer(() => this.atomically(() => this.pump(run)), Math.max(0, wakeAt - now));
  }

  private startStep(run: JobRun, queued: JobStep): void {
    const now = this.clock.now();
    const { file } = run.job;
    if (!this.port.isOnline(queued.endpointId)) {
      this.saveStep(run, { ...queued, state: 'waiting-offline', expiresAt: queued.expiresAt ?? now + file.options.offlineTtlSeconds * 1000 });
      return;
    }
    run.running++;
    run.lastStartAt = now;
    let step = this.saveStep(run, { ...queued, state: 'running', attempts: queued.attempts + 1, startedAt: queued.startedAt ?? now, nextAt: null });
    const agent = this.store.agents.get(step.endpointId);
    const placeholders = placeholderValues(step.endpointId, agent);
    const isSecret = this.secretPaths().forAgent(step.endpointId);
    // Sent once the step's 'running' state has committed; `markSent` commits on its own before
    // a change goes out (a step resumed after a crash must know it may have reached the agent).
    this.launches.push(() => {
      executeStep({
        op: file.operation,
        options: file.options,
        step,
        plan: step.plan,
        placeholders,
        isSecret,
        port: this.port,
        markSent: (before) => {
          step = this.atomically(() => this.saveStep(run, { ...step, phase: 'sent', before: step.before ?? before }));
        },
        saveProgress: (progress) => {
          step = this.atomically(() => this.saveStep(run, { ...step, phase: 'sent', after: progress }));
        },
        now: () => this.clock.now(),
      }).then(
        (result) => this.atomically(() => this.stepDone(run, step.endpointId, result, null)),
        (error: unknown) => this.atomically(() => this.stepDone(run, step.endpointId, null, error)),
      );
    });
  }

  private stepDone(run: JobRun, endpointId: string, result: StepResult | null, error: unknown): void {
    // Stopped meanwhile (console shutdown): the step stays as stored and is checked again on the next start().
    if (this.runs.get(run.job.id) !== run) return;
    run.running--;
    const step = run.steps[run.index.get(endpointId)!]!;
    if (result) {
      this.finishStep(run, step, { state: result.state, before: result.before ?? step.before, after: result.after, errorCode: null, errorMessage: null });
    } else {
      const failure = error instanceof StepFailure ? error : new StepFailure(STEP_ERROR_CODES.unexpected, error instanceof Error ? error.message : String(error));
      // Stored redacted: the message reaches details, reports, events and the audit log.
      const errorMessage = redactSecrets(failure.message, this.stepSecrets(run, step));
      const cancelling = run.job.state === 'cancelling';
      if (failure.retryable && step.attempts <= run.job.file.options.retries && !cancelling) {
        this.saveStep(run, { ...step, state: 'queued', errorCode: failure.code, errorMessage, nextAt: this.clock.now() + retryDelayMs(step.attempts) });
      } else {
        this.finishStep(run, step, { state: 'failed', errorCode: failure.code, errorMessage });
      }
    }
    if (run.job.state === 'running') {
      const { options } = run.job.file;
      if (run.canaryAccepted || canaryVerdict(run.steps, options.canary) === 'passed') {
        if (thresholdTripped(tally(run.counts), run.base, options.failureThreshold)) {
          const t = tally(run.counts);
          this.setJobState(run, 'paused', `failure threshold: ${t.failed} of ${t.finished} finished steps failed (more than ${options.failureThreshold} %)`);
          return;
        }
      }
      this.pump(run);
    } else if (run.job.state === 'cancelling') {
      this.pump(run);
    } else if (run.job.state === 'paused' && run.running === 0) {
      this.settle(run);
    }
  }

  /**
   * The secret strings a step's error message may quote: the firmware passwords, and the values
   * of secret parameters as the operation writes them (templates and their expansion for this
   * agent) and as the step holds them (plan, expected, before, after).
   */
  private stepSecrets(run: JobRun, step: JobStep): string[] {
    const isSecret = this.secretPaths().forAgent(step.endpointId);
    const op = run.job.file.operation;
    const templates = jobSecrets(op, isSecret);
    const placeholders = placeholderValues(step.endpointId, this.store.agents.get(step.endpointId));
    const expanded = op.kind === 'firmware' ? [] : templates.map((t) => expandPlaceholders(t, placeholders)).flatMap((r) => (r.ok ? [r.value] : []));
    const held = [step.plan, step.expected, step.before, step.after].flatMap((values) => secretValues(values, isSecret));
    return distinctSecrets([...templates, ...expanded, ...held]);
  }

  private finishStep(run: JobRun, step: JobStep, change: Partial<JobStep> & { state: JobStep['state'] }): void {
    const done = this.saveStep(run, { ...step, ...change, nextAt: null, finishedAt: this.clock.now() });
    const path = Object.keys(done.after ?? done.before ?? done.plan ?? {})[0] ?? '';
    // The audit log shows a secret parameter's values redacted (the stored step keeps them).
    const isSecret = this.secretPaths().forAgent(done.endpointId);
    const before = redactValues(done.before, isSecret);
    const after = redactValues(done.after, isSecret);
    const first = (v: Record<string, string> | null): string | null => (v && path in v ? v[path]! : null);
    this.store.addAudit({
      at: this.clock.now(),
      endpointId: done.endpointId,
      action: `job:${run.job.file.operation.kind}`,
      path,
      oldValue: first(before),
      newValue: first(after),
      result: done.state === 'succeeded' || done.state === 'skipped' ? 'success' : 'failure',
      detail: JSON.stringify({ jobId: run.job.id, state: done.state, errorCode: done.errorCode, errorMessage: done.errorMessage, before, after }),
    });
  }

  // ---- persistence and events

  /**
   * Runs `fn` in one store transaction (steps saved, audit entries, the next steps started), then
   * sends the requests of the steps it started. Nested calls join the outer transaction.
   */
  private atomically<T>(fn: () => T): T {
    if (this.depth > 0) return fn();
    this.depth++;
    try {
      return this.store.transaction(fn);
    } finally {
      this.depth--;
      for (const launch of this.launches.splice(0)) launch();
    }
  }

  private saveStep(run: JobRun, step: JobStep): JobStep {
    this.store.jobs.saveStep(step);
    const i = run.index.get(step.endpointId)!;
    run.counts[run.steps[i]!.state]--;
    run.counts[step.state]++;
    run.steps[i] = step;
    if (step.state === 'queued') run.firstQueued = Math.min(run.firstQueued, i);
    run.dirty.set(step.endpointId, step);
    this.scheduleFlush();
    return step;
  }

  /** The job is over: nothing is queued, running or waiting. */
  private end(run: JobRun, state: 'succeeded' | 'failed' | 'cancelled'): void {
    this.setJobState(run, state, null, { finishedAt: this.clock.now() });
    this.auditJob(run.job, state, `${tally(run.counts).failed} failed`);
    this.settle(run);
  }

  private setJobState(run: JobRun, state: JobState, pauseReason: string | null, times: { startedAt?: number; finishedAt?: number | null } = {}): void {
    run.job = { ...run.job, state, pauseReason, ...times };
    this.store.jobs.saveJob(run.job, this.clock.now());
    // Stryker disable next-line StringLiteral: equivalent, every pause gives a reason (the fallback is for the type only)
    if (state === 'paused') this.auditJob(run.job, state, pauseReason ?? '');
    // A paused job is settled once its in-flight steps have reported (stepDone).
    if (state === 'paused' && run.running === 0) this.settle(run);
    this.scheduleFlush();
  }

  private settle(run: JobRun): void {
    this.clock.clearTimer(run.timer);
    run.timer = null;
    const waiters = this.settledWaiters.get(run.job.id) ?? [];
    this.settledWaiters.delete(run.job.id);
    this.flush();
    for (const w of waiters) w();
  }

  private scheduleFlush(): void {
    if (this.flushTimer !== null) return;
    this.flushTimer = this.clock.setTimer(() => {
      this.flushTimer = null;
      this.flush();
    }, PROGRESS_INTERVAL_MS);
  }

  private flush(): void {
    const secrets = this.secretPaths();
    for (const run of this.runs.values()) {
      if (run.dirty.size === 0 && !FINISHED_JOB_STATES.has(run.job.state)) continue;
      // Events show a secret parameter's values redacted, as the job details do.
      const steps = [...run.dirty.values()].map((s) => redactStep(s, secrets.forAgent(s.endpointId)));
      run.dirty.clear();
      this.onProgress({ job: this.summary(run), steps });
      if (FINISHED_JOB_STATES.has(run.job.state) && run.running === 0) this.runs.delete(run.job.id);
    }
  }

  private summary(run: JobRun): JobSummary {
    return this.store.jobs.summary(run.job);
  }

  private auditJob(job: StoredJob, action: string, detail: string): void {
    this.store.addAudit({ at: this.clock.now(), endpointId: null, action: `job.${action}`, path: '', oldValue: null, newValue: null, result: 'success', detail: `job ${job.id} (${job.name}): ${detail}` });
  }
}
