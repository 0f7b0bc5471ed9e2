import { useMemo, useState, type JSX } from 'react';
import { Alert, Badge, Button, Group, Progress, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core';
import { FINISHED_JOB_STATES, STEP_STATES, type JobDetail, type JobState, type JobSummary } from '../../../shared/jobs/job-model';
import { useApi } from '../../api/api-context';
import { downloadText } from '../../lib/download';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { FailureGroups } from './FailureGroups';
import { firmwareFailureWords, outcomeCounts } from './firmware-outcomes';
import { FleetReportTable } from './FleetReportTable';
import { finishedCount, groupFailures, type AgentFacts } from './job-progress';
import { JobStepsTable, stepColor } from './JobStepsTable';
import { RollbackModal } from './RollbackModal';

export function jobColor(s: JobState): string {
  return s === 'succeeded' ? 'green' : s === 'failed' ? 'red' : s === 'running' ? 'blue' : s === 'paused' ? 'orange' : 'gray';
}

/** Kinds whose changes can be undone (engine: Set → old values, Add/Subscribe → delete). */
const ROLLBACK_KINDS = new Set(['set', 'add', 'subscribe']);

/** One job: live progress and counts, controls, per-agent steps, failures, the fleet report. */
export function JobPage({ job, facts, onOpenJob }: { job: JobDetail; facts: ReadonlyMap<string, AgentFacts>; onOpenJob: (j: JobSummary) => void }): JSX.Element {
  const api = useApi();
  const [rollback, setRollback] = useState(false);
  const [tab, setTab] = useState<string | null>(job.kind === 'get' ? 'report' : 'steps');
  const failures = useMemo(() => groupFailures(job.steps, facts), [job.steps, facts]);
  const firmware = job.kind === 'firmware';
  const outcomes = useMemo(() => (firmware ? outcomeCounts(job.steps) : []), [firmware, job.steps]);
  const finished = FINISHED_JOB_STATES.has(job.state);
  const done = finishedCount(job);

  const act = async (what: string, fn: () => Promise<JobSummary>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      showError(e, what);
    }
  };
  const exportReport = async (format: 'csv' | 'json'): Promise<void> => {
    try {
      const content = await api.exportJobReport(job.id, format);
      downloadText(`job-${job.id.slice(0, 8)}-report.${format}`, format === 'csv' ? 'text/csv' : 'application/json', content);
    } catch (e) {
      showError(e, 'Export');
    }
  };

  return (
    <Stack gap="xs" style={{ flex: 1, minHeight: 0 }} data-testid="job-page" data-job-id={job.id} data-state={job.state}>
      <Group justify="space-between">
        <Group gap="xs">
          <Title order={4} data-testid="job-title">{job.name}</Title>
          <Badge color={jobColor(job.state)} data-testid="job-state">{job.state}</Badge>
          <Badge variant="outline">{job.kind}</Badge>
          {job.parentId && <Text size="xs" c="dimmed">from job {job.parentId.slice(0, 8)}</Text>}
        </Group>
        <Group gap={6}>
          {(job.state === 'running' || job.state === 'scheduled') && <Button size="compact-sm" variant="light" onClick={() => void act('Pause', () => api.controlJob(job.id, 'pause'))} data-testid="job-pause">Pause</Button>}
          {job.state === 'paused' && <Button size="compact-sm" variant="light" onClick={() => void act('Resume', () => api.controlJob(job.id, 'resume'))} data-testid="job-resume">Resume</Button>}
          {!finished && job.state !== 'cancelling' && <Button size="compact-sm" variant="light" color="red" onClick={() => void act('Cancel', () => api.controlJob(job.id, 'cancel'))} data-testid="job-cancel">Cancel</Button>}
          {job.counts.failed + job.counts.expired > 0 && job.state !== 'running' && job.state !== 'cancelling' && (
            <Button size="compact-sm" variant="light" onClick={() => void act('Retry', () => api.retryJob(job.id))} data-testid="job-retry">Retry failed</Button>
          )}
          {ROLLBACK_KINDS.has(job.kind) && job.state !== 'running' && job.state !== 'scheduled' && job.state !== 'cancelling' && (
            <Button size="compact-sm" variant="light" color="orange" onClick={() => setRollback(true)} data-testid="job-rollback">Roll back</Button>
          )}
          <Tooltip label="One row per agent and path"><Button size="compact-sm" variant="default" onClick={() => void exportReport('csv')} data-testid="job-export-csv">CSV</Button></Tooltip>
          <Button size="compact-sm" variant="default" onClick={() => void exportReport('json')} data-testid="job-export-json">JSON</Button>
        </Group>
      </Group>
      {job.pauseReason && job.state === 'paused' && <Alert color="orange" p="xs" data-testid="job-pause-reason">Paused: {job.pauseReason}</Alert>}
      <Progress.Root size="xl" data-testid="job-progress" aria-label={`${done} of ${job.total} agents finished`}>
        {(['succeeded', 'skipped', 'failed', 'expired', 'cancelled'] as const).map((s) => job.counts[s] > 0 && (
          <Tooltip key={s} label={`${s}: ${job.counts[s]}`}>
            <Progress.Section value={(100 * job.counts[s]) / Math.max(job.total, 1)} color={stepColor(s)}>
              <Progress.Label>{job.counts[s]}</Progress.Label>
            </Progress.Section>
          </Tooltip>
        ))}
      </Progress.Root>
      <Group gap={6} data-testid="job-counts">
        <Text size="sm" fw={500} data-testid="job-done">{done} / {job.total} finished</Text>
        {STEP_STATES.filter((s) => job.counts[s] > 0).map((s) => (
          <Badge key={s} variant="light" color={stepColor(s)} data-testid={`job-count-${s}`}>{s}: {job.counts[s]}</Badge>
        ))}
        {outcomes.map((o) => (
          <Badge key={o.outcome} variant="outline" color={stepColor(o.state)} tt="none" data-testid="job-outcome-count">{o.outcome}: {o.count}</Badge>
        ))}
        <Text size="xs" c="dimmed">created {formatTime(job.createdAt)}{job.finishedAt ? ` · finished ${formatTime(job.finishedAt)}` : ''}</Text>
      </Group>
      <Tabs value={tab} onChange={setTab} style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
        <Tabs.List>
          {job.kind === 'get' && <Tabs.Tab value="report" data-testid="tab-report">Fleet report</Tabs.Tab>}
          <Tabs.Tab value="steps" data-testid="tab-steps">Agents</Tabs.Tab>
          <Tabs.Tab value="failures" data-testid="tab-failures">Failures ({failures.reduce((n, g) => n + g.count, 0)})</Tabs.Tab>
        </Tabs.List>
        {tab === 'report' && <Stack gap="xs" pt="xs" style={{ flex: 1, minHeight: 0 }}><FleetReportTable job={job} /></Stack>}
        {tab === 'steps' && <Stack gap="xs" pt="xs" style={{ flex: 1, minHeight: 0 }}><JobStepsTable steps={job.steps} kind={job.kind} /></Stack>}
        {tab === 'failures' && (
          <Stack gap="xs" pt="xs">
            {failures.length === 0 ? <Text c="dimmed" size="sm">No failures.</Text> : (
              <FailureGroups groups={failures} canRetry={job.state !== 'running' && job.state !== 'cancelling'} onRetry={(group) => void act('Retry', () => api.retryJob(job.id, group.selection))} {...(firmware ? { outcomeOf: firmwareFailureWords } : {})} />
            )}
          </Stack>
        )}
      </Tabs>
      {rollback && <RollbackModal job={job} onClose={() => setRollback(false)} onStarted={(j) => { setRollback(false); onOpenJob(j); }} />}
    </Stack>
  );
}
