import { useEffect, useRef, useState, type JSX } from 'react';
import { NumberInput, Stack, Switch, Text } from '@mantine/core';
import type { E2ESessionInfo } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError } from '../../lib/notify';

/**
 * The per-agent "use E2E session" setting and the agent's MaxUSPRecordSize, with the
 * current session id or why the agent refused contexts.
 */
export function E2ESessionSwitch({ agentId, refreshKey }: { agentId: string; refreshKey: unknown }): JSX.Element {
  const api = useApi();
  const [info, setInfo] = useState<E2ESessionInfo | null>(null);
  // What the field shows, typed but maybe not saved yet: the switch saves it along (no lost edit).
  const maxField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let cancelled = false;
    api.getAgentE2ESession(agentId).then((i) => {
      if (!cancelled) setInfo(i);
    }, (e: unknown) => showError(e, 'Loading E2E session'));
    return () => {
      cancelled = true;
    };
  }, [api, agentId, refreshKey]);

  if (!info) return <></>;
  const typedMax = (fallback: number): number => {
    const digits = maxField.current?.value.replace(/\D/g, '') ?? '';
    return digits === '' ? fallback : Number(digits);
  };
  const save = (enabled: boolean, maxRecordSize: number): void => {
    api.setAgentE2ESession(agentId, { enabled, maxRecordSize }).then(setInfo, (e: unknown) => showError(e, 'E2E session'));
  };
  return (
    <Stack gap={4} data-testid="agent-e2e-session">
      <Switch label="Use E2E session" checked={info.enabled} data-testid="agent-e2e-switch" onChange={(e) => save(e.currentTarget.checked, typedMax(info.maxRecordSize))} />
      <NumberInput
        size="xs"
        label="Agent MaxUSPRecordSize (0 = read it from the agent, else ≥ 512)"
        key={info.maxRecordSize}
        ref={maxField}
        defaultValue={info.maxRecordSize}
        min={0}
        data-testid="agent-e2e-max-record"
        onBlur={() => {
          const value = typedMax(0);
          if (value !== info.maxRecordSize) save(info.enabled, value);
        }}
      />
      {info.sessionId !== null && <Text size="xs" data-testid="agent-e2e-state">Session {info.sessionId}</Text>}
      {info.refused && <Text size="xs" c="orange" data-testid="agent-e2e-refused">{info.refused}</Text>}
    </Stack>
  );
}
