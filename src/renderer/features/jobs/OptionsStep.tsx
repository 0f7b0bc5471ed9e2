import type { JSX } from 'react';
import { Group, NumberInput, Stack, Switch, TextInput } from '@mantine/core';
import type { DraftOptions } from './job-draft';

/** Step 4: how carefully (defaults from docs/jobs.md). */
export function OptionsStep({ options, onChange }: { options: DraftOptions; onChange: (o: DraftOptions) => void }): JSX.Element {
  const num = (key: keyof Pick<DraftOptions, 'concurrency' | 'ratePerSecond' | 'canary' | 'failureThreshold'>) => (v: string | number) =>
    onChange({ ...options, [key]: typeof v === 'number' ? v : Number(v) || 0 });
  return (
    <Stack gap="sm">
      <Group grow>
        <NumberInput label="Concurrency" description="Agents worked on at once" min={1} max={1024} value={options.concurrency} onChange={num('concurrency')} data-testid="opt-concurrency" />
        <NumberInput label="Rate" description="Agents started per second (0 = no limit)" min={0} max={10000} decimalScale={2} value={options.ratePerSecond} onChange={num('ratePerSecond')} data-testid="opt-rate" />
      </Group>
      <Group grow>
        <NumberInput label="Canary" description="The first N agents must all succeed before the rest start" min={0} max={10000} value={options.canary} onChange={num('canary')} data-testid="opt-canary" />
        <NumberInput label="Failure threshold (%)" description="Pause when more finished steps than this failed" min={0} max={100} value={options.failureThreshold} onChange={num('failureThreshold')} data-testid="opt-threshold" />
      </Group>
      <Group grow align="end">
        <TextInput type="datetime-local" label="Start time" description="Empty: start now" value={options.startAt} onChange={(e) => onChange({ ...options, startAt: e.currentTarget.value })} data-testid="opt-start-at" />
        <Switch label="Force: overwrite values that changed since the preview (no conflict check)" checked={options.force} onChange={(e) => onChange({ ...options, force: e.currentTarget.checked })} />
      </Group>
    </Stack>
  );
}
