import type { JSX } from 'react';
import { Alert, Code, Stack, Text, TextInput } from '@mantine/core';
import type { JobFileInput } from '../../../shared/jobs/job-file';
import { describeTargets } from './job-draft';

/** Step 5: the job file as it will be sent, and the typed confirmation for destructive jobs. */
export function ConfirmStep({ file, agents, confirmation, typed, onType }: {
  file: JobFileInput;
  agents: number;
  /** Words to type, or null. */
  confirmation: string | null;
  typed: string;
  onType: (v: string) => void;
}): JSX.Element {
  // The image server's password is not shown on screen (it is sent with the job).
  const shown = file.operation.kind === 'firmware' && file.operation.password !== undefined ? { ...file, operation: { ...file.operation, password: '••••••' } } : file;
  return (
    <Stack gap="sm">
      <Text data-testid="confirm-summary">
        <b>{file.name}</b>: {file.operation.kind} on {agents} agent{agents === 1 ? '' : 's'} ({describeTargets(file.targets)}).
      </Text>
      <Code block style={{ maxHeight: 260, overflow: 'auto' }} data-testid="confirm-file">{JSON.stringify(shown, null, 2)}</Code>
      {confirmation && (
        <Alert color="red" title="This cannot be undone">
          <TextInput
            label={<>Type <b>{confirmation}</b> to confirm</>}
            value={typed}
            onChange={(e) => onType(e.currentTarget.value)}
            data-testid="confirm-typed"
            error={typed !== '' && typed !== confirmation ? 'Does not match' : null}
          />
        </Alert>
      )}
    </Stack>
  );
}
