import { useState, type JSX } from 'react';
import { Alert, Badge, Button, Code, Group, Stack, Switch, Text } from '@mantine/core';
import type { CommandSchema, OperateResult } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { explainUspCode } from '../../lib/format';
import { showError } from '../../lib/notify';
import { ValueInput } from './ValueInput';
import { validateValue } from './value-validators';
import { initialArgs, missingArgs } from './command-defaults';

/** Typed argument form for a command (from GSDM), its result or OperationComplete. */
export function CommandForm({ agentId, path, command }: { agentId: string; path: string; command: CommandSchema }): JSX.Element {
  const api = useApi();
  const [args, setArgs] = useState<Record<string, string>>(() => initialArgs(command.inputArgs));
  const [awaitCompletion, setAwaitCompletion] = useState(true);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OperateResult | null>(null);

  const missing = missingArgs(command.inputArgs, args);
  const invalid = command.inputArgs.some((a) => (args[a.name] ?? '') !== '' && validateValue(args[a.name]!, a.type, a.constraints) !== null);

  const run = async (): Promise<void> => {
    setBusy(true);
    setResult(null);
    try {
      const input = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== ''));
      setResult(await api.operate(agentId, path, input, { awaitCompletion }));
    } catch (e) {
      showError(e, `Run ${command.name}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap={6} data-testid="command-form">
      <Group gap="xs">
        <Text fw={600} className="mono" style={{ wordBreak: 'break-all' }}>{path}</Text>
        <Badge variant="light">{command.kind}</Badge>
      </Group>
      {command.inputArgs.length === 0 && <Text size="sm" c="dimmed">No input arguments.</Text>}
      {command.inputArgs.map((a) => (
        <ValueInput
          key={a.name}
          label={a.name}
          units={a.reference?.units}
          type={a.type}
          constraints={a.constraints}
          value={args[a.name] ?? ''}
          onChange={(v) => setArgs((prev) => ({ ...prev, [a.name]: v }))}
          testId={`command-arg-${a.name}`}
          required={a.mandatory}
        />
      ))}
      {command.outputArgs.length > 0 && (
        <Text size="xs" c="dimmed">Returns: {command.outputArgs.map((a) => a.name).join(', ')}</Text>
      )}
      {command.kind !== 'sync' && (
        <Switch size="xs" label="Wait for OperationComplete" checked={awaitCompletion} onChange={(e) => setAwaitCompletion(e.currentTarget.checked)} />
      )}
      <Group>
        <Button size="xs" onClick={() => void run()} loading={busy} disabled={missing.length > 0 || invalid} data-testid="command-run">
          Run {command.name}
        </Button>
        {missing.length > 0 && <Text size="xs" c="orange" data-testid="command-missing">Required before running: {missing.map((a) => a.name).join(', ')}</Text>}
      </Group>
      {result && (
        <Stack gap={4} data-testid="command-result">
          {result.results.length === 0 && <Text size="sm">The command path matched nothing.</Text>}
          {result.results.map((r) => (
            <Alert
              key={r.executedCommand}
              color={r.outcome.kind === 'failure' ? 'red' : r.outcome.kind === 'started' ? 'blue' : 'green'}
              title={`${r.executedCommand} — ${r.outcome.kind === 'failure' ? 'failed' : r.outcome.kind === 'started' ? 'started' : r.fromOperationComplete ? 'OperationComplete' : 'done'}`}
              data-testid="command-outcome"
              data-outcome={r.outcome.kind}
            >
              {r.outcome.kind === 'output' && (
                Object.keys(r.outcome.outputArgs).length === 0
                  ? <Text size="sm">No output arguments.</Text>
                  : <Code block>{Object.entries(r.outcome.outputArgs).map(([k, v]) => `${k} = ${v}`).join('\n')}</Code>
              )}
              {r.outcome.kind === 'started' && <Text size="sm">Running as {r.outcome.requestPath} (command key {result.commandKey}); its OperationComplete will appear in Notifications.</Text>}
              {r.outcome.kind === 'failure' && <Text size="sm">{explainUspCode(r.outcome.errCode, r.outcome.errMsg)}</Text>}
            </Alert>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
