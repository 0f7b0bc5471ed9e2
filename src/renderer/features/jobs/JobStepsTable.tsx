import { useMemo, useState, type CSSProperties, type JSX } from 'react';
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
        <Text size="xs" fw={600} truncate style={COLUMNS.agent}>Agent</Text>
        <Text size="xs" fw={600} truncate style={COLUMNS.state}>State</Text>
        <Text size="xs" fw={600} truncate style={COLUMNS.tries}>Tries</Text>
        {firmware ? <Text size="xs" fw={600} truncate style={COLUMNS.outcome}>Outcome</Text> : <Text size="xs" fw={600} truncate style={COLUMNS.change}>Before → after</Text>}
        <Text size="xs" fw={600} truncate style={COLUMNS.finished} data-testid="steps-head-finished">Finished</Text>
        {!firmware && <Text size="xs" fw={600} truncate style={COLUMNS.error}>Error</Text>}
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
              <Text size="xs" style={COLUMNS.agent} truncate className="mono" title={s.endpointId}>{s.endpointId}</Text>
              <Badge style={COLUMNS.state} size="sm" variant="light" color={stepColor(s.state)}>{s.state}</Badge>
              <Text size="xs" style={COLUMNS.tries}>{s.attempts}</Text>
              {firmware ? <Cell column="outcome" text={firmwareOutcome(s)} testId="step-outcome" /> : <Cell column="change" text={stepChange(s)} mono />}
              <Text size="xs" style={COLUMNS.finished} data-testid="step-finished">{s.finishedAt ? formatTime(s.finishedAt) : '—'}</Text>
              {!firmware && <Cell column="error" text={s.errorCode ? `${s.errorCode}: ${s.errorMessage ?? ''}` : ''} testId="step-error" />}
            </div>
          )}
        />
      </div>
    </>
  );
}

/**
 * One flex box per column, the same in the header and every row so they line up whatever a cell
 * holds: fixed columns never shrink, text columns share what is left (basis 0: their text never
 * widens them) and are cut with an ellipsis; the agent column gives way first on a narrow window.
 */
const COLUMNS = {
  agent: { flex: '0 1 240px', minWidth: 120 },
  state: { flex: '0 0 120px' },
  tries: { flex: '0 0 50px' },
  change: { flex: '1 1 0', minWidth: 100 },
  outcome: { flex: '1 1 0', minWidth: 160 },
  finished: { flex: '0 0 130px' },
  error: { flex: '1 1 0', minWidth: 100 },
} satisfies Record<string, CSSProperties>;

/** A text cell in one line, cut to its column, the whole text in its title. */
function Cell({ column, text, testId, mono = false }: { column: keyof typeof COLUMNS; text: string; testId?: string; mono?: boolean }): JSX.Element {
  return (
    <Text size="xs" style={COLUMNS[column]} truncate title={text} className={mono ? 'mono' : undefined} data-testid={testId}>
      {text}
    </Text>
  );
}
