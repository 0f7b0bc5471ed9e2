import { useMemo, useState, type JSX } from 'react';
import { Badge, Group, Select, Text } from '@mantine/core';
import type { JobOperationKind } from '../../../shared/jobs/job-file';
import { STEP_STATES, type JobStep, type StepState } from '../../../shared/jobs/job-model';
import { VirtualList } from '../../components/VirtualList';
import { formatTime } from '../../lib/format';
import { firmwareOutcome } from './firmware-outcomes';
import { errorCodes, filterSteps, stepChange, type StepFilter } from './job-progress';

export function stepColor(s: StepState): string {
  switch (s) {
    case 'succeeded':
      return 'green';
    case 'failed':
    case 'expired':
      return 'red';
    case 'running':
      return 'blue';
    case 'waiting-offline':
      return 'orange';
    default:
      return 'gray';
  }
}

/** The per-agent steps, virtualized, filtered by state and error code; a firmware job's in words per agent. */
export function JobStepsTable({ steps, kind }: { steps: readonly JobStep[]; kind: JobOperationKind }): JSX.Element {
  const firmware = kind === 'firmware';
  const [filter, setFilter] = useState<StepFilter>({ state: 'all', errorCode: null });
  const visible = useMemo(() => filterSteps(steps, filter), [steps, filter]);
  const codes = useMemo(() => errorCodes(steps), [steps]);
  return (
    <>
      <Group gap="xs">
        <Select
          aria-label="Filter by state"
          data-testid="steps-state-filter"
          data={[{ value: 'all', label: 'All states' }, ...STEP_STATES.map((s) => ({ value: s, label: s }))]}
          value={filter.state}
          onChange={(v) => setFilter({ ...filter, state: (v ?? 'all') as StepFilter['state'] })}
          allowDeselect={false}
          w={170}
        />
        <Select
          aria-label="Filter by error code"
          placeholder="Any error code"
          data-testid="steps-error-filter"
          data={codes}
          value={filter.errorCode}
          onChange={(v) => setFilter({ ...filter, errorCode: v })}
          clearable
          w={170}
        />
        <Text size="xs" c="dimmed" data-testid="steps-count">{visible.length} of {steps.length} agents</Text>
      </Group>
      <div className="list-row" style={{ fontWeight: 600, fontSize: 12 }} aria-hidden>
        <Text size="xs" fw={600} w={240}>Agent</Text>
        <Text size="xs" fw={600} w={120}>State</Text>
        <Text size="xs" fw={600} w={60}>Tries</Text>
        {firmware ? <Text size="xs" fw={600} className="grow" style={{ flexBasis: 0 }}>Outcome</Text> : <Text size="xs" fw={600} w={260}>Before → after</Text>}
        <Text size="xs" fw={600} w={150}>Finished</Text>
        {!firmware && <Text size="xs" fw={600} className="grow">Error</Text>}
      </div>
      <div style={{ flex: 1, minHeight: 160 }}>
        <VirtualList
          items={visible}
          rowHeight={30}
          getKey={(s) => s.endpointId}
          label="Steps"
          role="grid"
          testId="job-steps"
          renderRow={(s) => (
            <div className="list-row" role="row" data-testid={`step-row-${s.endpointId}`} data-state={s.state}>
              <Text size="xs" w={240} truncate className="mono">{s.endpointId}</Text>
              <Badge w={120} size="sm" variant="light" color={stepColor(s.state)}>{s.state}</Badge>
              <Text size="xs" w={60}>{s.attempts}</Text>
              {firmware ? (
                <Text size="xs" className="grow" style={{ flexBasis: 0 }} truncate title={firmwareOutcome(s)} data-testid="step-outcome">{firmwareOutcome(s)}</Text>
              ) : (
                <Text size="xs" w={260} truncate className="mono">{stepChange(s)}</Text>
              )}
              <Text size="xs" w={150}>{s.finishedAt ? formatTime(s.finishedAt) : '—'}</Text>
              {!firmware && <Text size="xs" className="grow" truncate title={s.errorMessage ?? ''}>{s.errorCode ? `${s.errorCode}: ${s.errorMessage ?? ''}` : ''}</Text>}
            </div>
          )}
        />
      </div>
    </>
  );
}
