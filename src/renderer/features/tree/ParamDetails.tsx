import { useState, type JSX } from 'react';
import { Button, Group, Stack, Text } from '@mantine/core';
import type { ParamEntry } from '../../../shared/console-api';
import { useApi, useLiveValue } from '../../api/api-context';
import { formatAge, formatTime } from '../../lib/format';
import { showError, showSuccess } from '../../lib/notify';
import { describeType, ValueInput } from './ValueInput';
import { setParameter } from './set-parameter';
import { isChartable, ParamChart } from './ParamChart';
import { normaliseValue, validateValue } from './value-validators';
import { Prop } from './Prop';
import { ReferenceProps } from './ReferenceProps';

/** Details of one parameter: type, access, value and when it was read; edit when writable. */
export function ParamDetails({ agentId, param, now }: { agentId: string; param: ParamEntry; now: number }): JSX.Element {
  const api = useApi();
  const live = useLiveValue(agentId, param.path);
  const value = live?.value ?? param.value;
  const readAt = live?.readAt ?? param.readAt;
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [charting, setCharting] = useState(false);
  const writable = param.schema.access !== 'readOnly';
  const error = draft === null ? null : validateValue(draft, param.schema.type, param.schema.constraints);

  const save = async (): Promise<void> => {
    if (draft === null || error) return;
    setBusy(true);
    const outcome = await setParameter(api, agentId, param.path, normaliseValue(draft, param.schema.type));
    setBusy(false);
    if (outcome.ok) setDraft(null);
    setRefusal(outcome.ok ? null : outcome.reason);
  };

  const refresh = async (): Promise<void> => {
    try {
      const r = await api.refresh(agentId, param.path);
      for (const err of r.errors) showError({ code: 'usp-error', message: err.errMsg, uspErrCode: err.errCode }, 'Get');
      if (r.source === 'cache') showError({ code: 'agent-offline', message: 'The agent is offline; showing the cached value.' });
    } catch (e) {
      showError(e, 'Get');
    }
  };

  const subscribe = async (): Promise<void> => {
    try {
      const s = await api.subscribePath(agentId, 'ValueChange', param.path);
      showSuccess(`Subscribed to ValueChange of ${param.path} (ID ${s.id})`);
    } catch (e) {
      showError(e, 'Subscribe');
    }
  };

  return (
    <Stack gap={6} data-testid="param-details">
      <Text fw={600} className="mono" style={{ wordBreak: 'break-all' }}>{param.path}</Text>
      <Prop label="Type" value={describeType(param.schema.type, param.schema.constraints)} testId="param-type" />
      {param.schema.constraints?.enumeration && !param.schema.constraints.list && (
        <Prop label="Values" value={param.schema.constraints.enumeration.join(', ')} testId="param-enumeration" />
      )}
      <Prop label="Access" value={param.schema.access} testId="param-access" />
      <Prop label="Value" value={value === null ? '(never read)' : value} mono testId="param-value" />
      <Prop label="Read at" value={readAt === null ? 'never' : `${formatTime(readAt)} (${formatAge(now - readAt)} ago)`} testId="param-read-at" />
      <Prop label="ValueChange" value={param.schema.valueChange} />
      <ReferenceProps facts={param.schema.reference} />
      {param.schema.constraints?.secured && <Text size="xs" c="orange">Secured: reads return an empty string without a secured role.</Text>}
      {writable && (
        <Stack gap={4} mt="xs">
          <ValueInput
            label={`New value of ${param.schema.name}`}
            units={param.schema.reference?.units}
            type={param.schema.type}
            constraints={param.schema.constraints}
            value={draft ?? value ?? ''}
            onChange={(v) => {
              setDraft(v);
              setRefusal(null);
            }}
            testId="param-edit"
            required
          />
          {refusal && <Text size="xs" c="red" role="alert" data-testid="param-set-error">{refusal}</Text>}
          <Group gap="xs">
            <Button size="xs" onClick={() => void save()} loading={busy} disabled={draft === null || error !== null} data-testid="param-save">Set</Button>
            <Button size="xs" variant="default" onClick={() => setDraft(null)} disabled={draft === null}>Reset</Button>
          </Group>
        </Stack>
      )}
      <Group gap="xs" mt="xs">
        <Button size="xs" variant="light" onClick={() => void refresh()} data-testid="param-refresh">Get</Button>
        {isChartable(param) && (
          <Button size="xs" variant={charting ? 'filled' : 'light'} onClick={() => setCharting((c) => !c)} data-testid="param-chart-toggle">Chart</Button>
        )}
        <Button size="xs" variant="light" onClick={() => void subscribe()} disabled={param.schema.valueChange === 'willIgnore'} data-testid="param-subscribe">
          Subscribe to changes
        </Button>
      </Group>
      {charting && <ParamChart agentId={agentId} param={param} />}
      {param.schema.valueChange === 'willIgnore' && <Text size="xs" c="dimmed">The agent ignores ValueChange subscriptions on this parameter.</Text>}
    </Stack>
  );
}
