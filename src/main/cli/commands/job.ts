import { readFile } from 'node:fs/promises';
import type { JobDetail, JobSummary } from '../../../shared/jobs/job-model';
import type { JobPage } from '../../../shared/jobs/api-schemas';
import type { RetrySelection } from '../../../shared/jobs/retry-selection';
import { CliFailure, CliUsageError } from '../framework/cli-errors';
import { defineCommand } from '../framework/define-command';
import { EXIT } from '../framework/exit-codes';
import { reporter } from '../framework/reporter';
import { ConsoleHttpError, ConsoleUnreachableError, consoleClient, type ConsoleClient } from '../jobs/console-client';
import { bar, progressLine } from '../one-agent/progress-bar';
import { errorText } from './record-io';

const report = reporter('job');

const ACTIONS = ['pause', 'resume', 'cancel', 'rollback', 'retry'] as const;

export const jobCommand = defineCommand({
  name: 'job',
  summary: 'preview, run and control bulk jobs on a running console (usp-console serve)',
  synopsis: `preview FILE [--refresh]
       usp-console job run FILE
       usp-console job list [--limit N] [--quiet]
       usp-console job show ID
       usp-console job pause|resume|cancel|rollback ID
       usp-console job retry ID [--code CODE] [--model MODEL] [--software-version VERSION]
       usp-console job report ID [--format json|csv]
  each with --console URL (the address usp-console serve prints, token included) or USP_CONSOLE_URL`,
  description: `Bulk jobs through a running console's automation API. FILE is a job file (docs/jobs.md),
or - for standard input. Output is JSON on stdout (CSV for report --format csv). "job run" starts
the job and waits for it, with a progress bar on stderr when that is a terminal.
Exit codes: 0 every step succeeded (or the action was done), 1 some steps failed or the job
paused, 2 bad arguments or a refused request, 3 the console cannot be reached.`,
  options: {
    console: { type: 'string', value: 'URL', help: 'the address usp-console serve prints, token included (default $USP_CONSOLE_URL)' },
    refresh: { type: 'boolean', help: 'preview: read the agents live first' },
    code: { type: 'string', value: 'CODE', help: 'retry: only the steps that failed with this error code (a USP error code, transport, timeout, conflict…)' },
    model: { type: 'string', value: 'MODEL', help: 'retry: only the steps of agents of this model (ModelName)' },
    'software-version': { type: 'string', value: 'VERSION', help: 'retry: only the steps of agents with this SoftwareVersion' },
    format: { type: 'string', value: 'json|csv', help: 'report format', default: 'json' },
    limit: { type: 'string', value: 'N', help: 'list: only the N newest jobs (default: every job, read page by page)' },
    quiet: { type: 'boolean', short: 'q', help: 'list: print only the job ids, one a line, newest first' },
  },
  positionals: { min: 1, max: 2, what: 'a sub-command and its argument' },
  async run({ values, positionals }) {
    const [sub = '', arg] = positionals;
    const needsArg = sub !== 'list';
    if (needsArg !== (arg !== undefined)) throw new CliUsageError(`wrong arguments for "job ${sub}"`);
    const url = values.console ?? process.env.USP_CONSOLE_URL;
    if (!url) throw new CliUsageError('give --console URL (the address usp-console serve prints) or set USP_CONSOLE_URL');
    if (values.format !== undefined && !['json', 'csv'].includes(values.format)) throw new CliUsageError('--format is json or csv');
    if (values.limit !== undefined && !/^[1-9]\d{0,8}$/.test(values.limit)) throw new CliUsageError(`--limit is a whole number of jobs from 1, not "${values.limit}"`);
    try {
      return await runSub(consoleClient(url), sub, arg ?? '', values);
    } catch (err) {
      if (err instanceof ConsoleUnreachableError) throw new CliFailure(err.message, EXIT.unreachable);
      if (err instanceof ConsoleHttpError) throw new CliFailure(`${err.code}: ${err.message}`, EXIT.usage);
      if (err instanceof CliUsageError || err instanceof CliFailure) throw err;
      throw new CliFailure(errorText(err), EXIT.usage);
    }
  },
});

async function runSub(client: ConsoleClient, sub: string, arg: string, values: { refresh?: boolean; code?: string; model?: string; 'software-version'?: string; format?: string; limit?: string; quiet?: boolean }): Promise<number> {
  const out = (v: unknown): void => report.json(v);
  const id = encodeURIComponent(arg);
  switch (sub) {
    case 'preview':
      out(await client.request('POST', `/jobs/preview${values.refresh ? '?refresh=true' : ''}`, await readJobFile(arg)));
      return 0;
    case 'run':
      return runJob(client, await readJobFile(arg));
    case 'list': {
      const jobs = await listJobs(client, values.limit === undefined ? Infinity : Number(values.limit));
      if (values.quiet !== true) out(jobs);
      else if (jobs.length > 0) report.text(jobs.map((j) => j.id).join('\n'));
      return 0;
    }
    case 'show':
      out(await client.request<JobDetail>('GET', `/jobs/${id}`));
      return 0;
    case 'report':
      if (values.format === 'csv') process.stdout.write(await client.text(`/jobs/${id}/report?format=csv`));
      else out(await client.request('GET', `/jobs/${id}/report?format=json`));
      return 0;
    default:
      if (!(ACTIONS as readonly string[]).includes(sub)) throw new ConsoleHttpError(0, 'usage', `unknown job sub-command "${sub}" (see usp-console job --help)`);
      out(await client.request('POST', `/jobs/${id}/${sub}`, sub === 'retry' ? retrySelection(values) : undefined));
      return 0;
  }
}

/** The newest `limit` jobs, following the API's pages (at most 500 jobs each). */
async function listJobs(client: ConsoleClient, limit: number): Promise<JobSummary[]> {
  const jobs: JobSummary[] = [];
  let before: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(Math.min(500, limit - jobs.length)), ...(before === null ? {} : { before }) });
    const page: JobPage = await client.request<JobPage>('GET', `/jobs?${query.toString()}`);
    jobs.push(...page.jobs);
    before = page.next;
  } while (before !== null && jobs.length < limit);
  return jobs;
}

/** The failed steps `job retry` names: every criterion given must match (none: all failed steps). */
function retrySelection(values: { code?: string; model?: string; 'software-version'?: string }): RetrySelection {
  return {
    ...(values.code !== undefined ? { errorCode: values.code } : {}),
    ...(values.model !== undefined ? { model: values.model } : {}),
    ...(values['software-version'] !== undefined ? { softwareVersion: values['software-version'] } : {}),
  };
}

async function readJobFile(file: string): Promise<unknown> {
  const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new ConsoleHttpError(0, 'invalid-json', `${file} is not JSON: ${errorText(err)}`);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the job and waits (long polls) until it finishes or pauses. */
async function runJob(client: ConsoleClient, file: unknown): Promise<number> {
  let job = await client.request<JobSummary>('POST', '/jobs', file);
  report.note(`job ${job.id}: ${job.total} agents`);
  const tty = process.stderr.isTTY === true;
  const line = progressLine(process.stderr);
  while (job.state === 'running' || job.state === 'scheduled' || job.state === 'cancelling') {
    job = await client.request<JobSummary>('GET', `/jobs/${encodeURIComponent(job.id)}/settled?timeoutMs=${tty ? 500 : 25_000}`);
    line.draw(progressText(job));
  }
  line.done();
  report.json(job);
  if (job.state === 'paused') report.note(`job ${job.id} paused: ${job.pauseReason ?? ''}`);
  return job.state === 'succeeded' ? 0 : 1;
}

function progressText(job: JobSummary): string {
  const c = job.counts;
  const done = c.succeeded + c.failed + c.skipped + c.cancelled + c.expired;
  return `${bar(job.total ? done / job.total : 0)} ${done}/${job.total} ok ${c.succeeded + c.skipped} failed ${c.failed + c.expired} waiting ${c['waiting-offline']}`;
}
