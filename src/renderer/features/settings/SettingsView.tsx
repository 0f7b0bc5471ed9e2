import { useEffect, useState, type JSX, type ReactNode } from 'react';
import {
  ActionIcon, Alert, Button, Card, Group, NumberInput, Select, Stack, Switch, Text, TextInput, Title,
} from '@mantine/core';
import type { ApprovalMode, TransportStatus } from '../../../shared/console-api';
import { useApi, useConsoleEvent } from '../../api/api-context';
import { showError, showSuccess } from '../../lib/notify';
import { CertificatesCard } from './CertificatesCard';
import { ListenerFields, MqttFields, StatusBadge, StompFields } from './ProfileFields';
import {
  draftProblems, newListener, newMqttBroker, newStompBroker, toDraft, toSettingsUpdate, type SettingsDraft,
} from './settings-form';

function ProfileCard({ title, enabled, onEnabled, onRemove, status, children, testId }: {
  title: string;
  enabled: boolean;
  onEnabled: (v: boolean) => void;
  onRemove: () => void;
  status: TransportStatus | undefined;
  children: ReactNode;
  testId: string;
}): JSX.Element {
  return (
    <Card withBorder p="xs" data-testid={testId}>
      <Group justify="space-between" mb={4}>
        <Group gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Text size="sm" fw={500}>{title}</Text>
          <StatusBadge status={status} />
          {status?.detail && <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', minWidth: 0 }} data-testid="transport-status-detail">{status.detail}</Text>}
        </Group>
        <Group gap="xs">
          <Switch size="xs" label="Enabled" checked={enabled} onChange={(e) => onEnabled(e.currentTarget.checked)} />
          <ActionIcon size="sm" variant="subtle" color="red" aria-label={`Remove ${title}`} onClick={onRemove}>✕</ActionIcon>
        </Group>
      </Group>
      <Stack gap={4}>{children}</Stack>
    </Card>
  );
}

/** Our Endpoint ID, listeners, broker profiles, approval of unknown agents, retention. */
export function SettingsView(): JSX.Element {
  const api = useApi();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [status, setStatus] = useState<ReadonlyMap<string, TransportStatus>>(new Map());
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState(0);
  const [savedId, setSavedId] = useState<string | null>(null);
  const [runningId, setRunningId] = useState<string | null>(null);
  // The Endpoint ID the console spoke as before the last save that changed it.
  const [previousId, setPreviousId] = useState<string | null>(null);

  useEffect(() => {
    api.getSettings().then((s) => {
      setDraft(toDraft(s));
      setSavedId(s.controllerEndpointId);
    }, (e: unknown) => showError(e, 'Loading settings'));
    api.getAppInfo().then((info) => setRunningId(info.controllerEndpointId), (e: unknown) => showError(e, 'App info'));
    api.getTransportStatus().then((list) => setStatus(new Map(list.map((t) => [t.profileId, t]))), (e: unknown) => showError(e, 'Transport status'));
  }, [api]);

  useConsoleEvent('transports', (batch) => setStatus((prev) => {
    const next = new Map(prev);
    for (const t of batch) next.set(t.profileId, t);
    return next;
  }));

  if (!draft) return <Text c="dimmed">Loading settings…</Text>;
  const problems = draftProblems(draft);
  const set = (patch: Partial<SettingsDraft>): void => setDraft({ ...draft, ...patch });

  const save = async (): Promise<void> => {
    setSaving(true);
    try {
      const saved = await api.updateSettings(toSettingsUpdate(draft));
      setDraft(toDraft(saved));
      setSavedId(saved.controllerEndpointId);
      const info = await api.getAppInfo();
      if (runningId !== null && info.controllerEndpointId !== runningId) setPreviousId(runningId);
      setRunningId(info.controllerEndpointId);
      setSavedAt((n) => n + 1);
      showSuccess('Settings saved and applied');
    } catch (e) {
      showError(e, 'Saving settings');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Stack gap="sm" className="settings-view" style={{ overflow: 'auto', flex: 1, minHeight: 0 }} data-testid="settings-view">
      <Group justify="space-between">
        <Title order={4}>Settings</Title>
        <Button onClick={() => void save()} loading={saving} disabled={problems.length > 0} data-testid="settings-save">Save</Button>
      </Group>
      {previousId !== null && runningId !== null && runningId === savedId && (
        <Alert color="blue" title="New Endpoint ID in use" data-testid="settings-endpoint-applied">
          The console now speaks as {runningId} (before: {previousId}); its listeners and broker connections were
          restarted with it. Agents answer only once they have {runningId} as a controller
          (Device.LocalAgent.Controller.{'{i}'}.EndpointID).
        </Alert>
      )}
      {savedId !== null && runningId !== null && savedId !== runningId && (
        <Alert color="yellow" title="Endpoint ID not in use" data-testid="settings-endpoint-mismatch">
          The console speaks as {runningId}, not as the saved {savedId}: save again to use it.
        </Alert>
      )}
      {problems.length > 0 && <Alert color="orange" data-testid="settings-problems">{problems.map((p) => <div key={p}>{p}</div>)}</Alert>}
      <Group gap="sm" align="flex-end">
        <TextInput
          label="Controller Endpoint ID" aria-label="Controller Endpoint ID" value={draft.controllerEndpointId} w={320} classNames={{ input: 'mono' }}
          onChange={(e) => set({ controllerEndpointId: e.currentTarget.value })} data-testid="settings-endpoint-id"
        />
        <Select
          label="Unknown agents" aria-label="Approval of unknown agents" w={260} allowDeselect={false} data-testid="settings-approval"
          data={[
            { value: 'auto-approve', label: 'Accept automatically' },
            { value: 'hold', label: 'Hold for approval' },
            { value: 'reject', label: 'Reject' },
          ]}
          value={draft.approvalMode} onChange={(v) => v && set({ approvalMode: v as ApprovalMode })}
        />
        <NumberInput label="Request timeout (ms)" aria-label="Request timeout" value={draft.requestTimeoutMs} min={1000} step={1000} w={180} onChange={(v) => set({ requestTimeoutMs: Number(v) })} />
      </Group>
      <Group gap="sm">
        <NumberInput label="Keep notifications (days, 0 = forever)" aria-label="Notification retention days" min={0} value={draft.retention.notificationDays} w={240}
          onChange={(v) => set({ retention: { ...draft.retention, notificationDays: Number(v) } })} />
        <NumberInput label="Keep messages (days, 0 = forever)" aria-label="Trace retention days" min={0} value={draft.retention.traceDays} w={240}
          onChange={(v) => set({ retention: { ...draft.retention, traceDays: Number(v) } })} />
        <NumberInput label="Max stored messages (0 = no limit)" aria-label="Max trace rows" min={0} step={100000} value={draft.retention.maxTraceRows} w={240}
          onChange={(v) => set({ retention: { ...draft.retention, maxTraceRows: Number(v) } })} />
        <NumberInput label="Keep of each message (KiB)" aria-label="Trace bytes per message" min={1} max={16384} value={draft.retention.traceRecordKiB} w={240}
          onChange={(v) => set({ retention: { ...draft.retention, traceRecordKiB: Number(v) } })} data-testid="settings-trace-record-kib" />
        <NumberInput label="Max stored message bytes (MiB, 0 = no limit)" aria-label="Max trace MiB" min={0} step={64} value={draft.retention.maxTraceMiB} w={240}
          onChange={(v) => set({ retention: { ...draft.retention, maxTraceMiB: Number(v) } })} data-testid="settings-trace-max-mib" />
      </Group>
      <CertificatesCard value={draft.certificates} onChange={(certificates) => set({ certificates })} savedAt={savedAt} />

      <Group justify="space-between"><Title order={5}>WebSocket listeners</Title>
        <Button size="xs" variant="light" onClick={() => set({ webSocketListeners: [...draft.webSocketListeners, newListener()] })} data-testid="settings-add-listener">Add listener</Button>
      </Group>
      {draft.webSocketListeners.map((p, i) => (
        <ProfileCard key={p.id} title={p.name} enabled={p.enabled} status={status.get(p.id)} testId={`settings-listener-${p.id}`}
          onEnabled={(enabled) => set({ webSocketListeners: draft.webSocketListeners.map((x, j) => (j === i ? { ...x, enabled } : x)) })}
          onRemove={() => set({ webSocketListeners: draft.webSocketListeners.filter((_, j) => j !== i) })}>
          <ListenerFields p={p} onChange={(np) => set({ webSocketListeners: draft.webSocketListeners.map((x, j) => (j === i ? np : x)) })} />
        </ProfileCard>
      ))}

      <Group justify="space-between"><Title order={5}>MQTT brokers</Title>
        <Button size="xs" variant="light" onClick={() => set({ mqttBrokers: [...draft.mqttBrokers, newMqttBroker()] })} data-testid="settings-add-mqtt">Add MQTT broker</Button>
      </Group>
      {draft.mqttBrokers.map((p, i) => (
        <ProfileCard key={p.id} title={p.name} enabled={p.enabled} status={status.get(p.id)} testId={`settings-mqtt-${p.id}`}
          onEnabled={(enabled) => set({ mqttBrokers: draft.mqttBrokers.map((x, j) => (j === i ? { ...x, enabled } : x)) })}
          onRemove={() => set({ mqttBrokers: draft.mqttBrokers.filter((_, j) => j !== i) })}>
          <MqttFields p={p} onChange={(np) => set({ mqttBrokers: draft.mqttBrokers.map((x, j) => (j === i ? np : x)) })} />
        </ProfileCard>
      ))}

      <Group justify="space-between"><Title order={5}>STOMP brokers</Title>
        <Button size="xs" variant="light" onClick={() => set({ stompBrokers: [...draft.stompBrokers, newStompBroker()] })} data-testid="settings-add-stomp">Add STOMP broker</Button>
      </Group>
      {draft.stompBrokers.map((p, i) => (
        <ProfileCard key={p.id} title={p.name} enabled={p.enabled} status={status.get(p.id)} testId={`settings-stomp-${p.id}`}
          onEnabled={(enabled) => set({ stompBrokers: draft.stompBrokers.map((x, j) => (j === i ? { ...x, enabled } : x)) })}
          onRemove={() => set({ stompBrokers: draft.stompBrokers.filter((_, j) => j !== i) })}>
          <StompFields p={p} onChange={(np) => set({ stompBrokers: draft.stompBrokers.map((x, j) => (j === i ? np : x)) })} />
        </ProfileCard>
      ))}
    </Stack>
  );
}
