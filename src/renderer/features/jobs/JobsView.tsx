import { useEffect, useMemo, useState, type JSX } from 'react';
import { Badge, Button, Group, Progress, Stack, Text } from '@mantine/core';
import type { JobDetail, JobSummary } from '../../../shared/jobs/job-model';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { VirtualList } from '../../components/VirtualList';
import { formatTime } from '../../lib/format';
import { useAgents } from '../agents/use-agents';
import { showError } from '../../lib/notify';
import { applyJobEvents, applyToDetail, finishedCount, type AgentFacts } from './job-progress';
import { jobColor, JobPage } from './JobPage';
import { JobWizard } from './JobWizard';

/** Jobs: the list with history and the open job, both kept live by 'jobs' events. */
export function JobsView({ jobId, onOpenJob }: { jobId: string | null; onOpenJob: (id: string) => void }): JSX.Element {
  const api = useApi();
  const [jobs, setJobs] = useState<JobSummary[]>([]);
  const [detail, setDetail] = useState<JobDetail | null>(null);
  // The shared agent list, kept current by 'agents' pushes: a failure group shows the model and
  // version an agent reported after it came online.
  const agents = useAgents();
  const [wizard, setWizard] = useState(false);

  useEffect(() => {
    api.listJobs().then((list) => setJobs((prev) => applyJobEvents(list, prev.map((job) => ({ job, steps: [] })))), (e: unknown) => showError(e, 'Loading jobs'));
  }, [api]);

  useEffect(() => {
    if (!jobId) return;
    let stale = false;
    api.getJob(jobId).then((d) => {
      if (!stale) setDetail(d);
    }, (e: unknown) => showError(e, 'Loading the job'));
    return () => {
      stale = true;
    };
  }, [api, jobId]);

  useConsoleEvent('jobs', (events) => {
    setJobs((prev) => applyJobEvents(prev, events));
    setDetail((d) => (d ? applyToDetail(d, events) : d));
  });

  const facts = useMemo(() => new Map<string, AgentFacts>(agents.map((a) => [a.agentId, { model: a.model, softwareVersion: a.firmware }])), [agents]);
  const open = (j: JobSummary): void => {
    setJobs((prev) => applyJobEvents(prev, [{ job: j, steps: [] }]));
    onOpenJob(j.id);
  };

  return (
    <Group align="stretch" wrap="nowrap" gap="sm" style={{ flex: 1, minHeight: 0 }}>
      <Stack gap="xs" w={320} style={{ minHeight: 0 }}>
        <Group justify="space-between">
          <Text fw={600}>Jobs ({jobs.length})</Text>
          <Button size="compact-sm" onClick={() => setWizard(true)} data-testid="jobs-new">New job</Button>
        </Group>
        <div style={{ flex: 1, minHeight: 0 }}>
          <VirtualList
            items={jobs}
            rowHeight={58}
            getKey={(j) => j.id}
            label="Jobs"
            testId="job-list"
            renderRow={(j) => (
              <div className="list-row" role="row" aria-selected={j.id === jobId} data-testid={`job-row-${j.id}`} data-state={j.state} onClick={() => onOpenJob(j.id)} style={{ flexDirection: 'column', alignItems: 'stretch', height: 56 }}>
                <Group justify="space-between" wrap="nowrap">
                  <Text size="sm" fw={500} truncate>{j.name}</Text>
                  <Badge size="xs" color={jobColor(j.state)} style={{ flexShrink: 0 }}>{j.state}</Badge>
                </Group>
                <Progress size="xs" value={(100 * finishedCount(j)) / Math.max(j.total, 1)} color={j.counts.failed > 0 ? 'red' : 'green'} />
                <Text size="xs" c="dimmed">{j.kind} · {finishedCount(j)}/{j.total} · {formatTime(j.createdAt)}</Text>
              </div>
            )}
          />
        </div>
      </Stack>
      <Stack style={{ flex: 1, minWidth: 0, minHeight: 0 }}>
        {detail && detail.id === jobId ? <JobPage key={detail.id} job={detail} facts={facts} onOpenJob={open} /> : <Text c="dimmed">Pick a job, or start one from the Agents view (select agents, then “New job”).</Text>}
      </Stack>
      {wizard && <JobWizard picked={[]} onClose={() => setWizard(false)} onStarted={(j) => { setWizard(false); open(j); }} />}
    </Group>
  );
}
