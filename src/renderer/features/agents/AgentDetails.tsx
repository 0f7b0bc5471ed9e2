import { useEffect, useState, type JSX } from 'react';
import { Alert, Button, Card, Group, Stack, Switch, TagsInput, Text } from '@mantine/core';
import type { AgentDetail, AgentSummary } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { agentIdentity, parseTags, seenNow } from './agent-list';
import { E2ESessionSwitch } from './E2ESessionSwitch';
import { ControllerTrustPanel } from './ControllerTrustPanel';
import { LinkSecurity } from './LinkSecurity';

function Field({ label, value }: { label: string; value: string | number | null }): JSX.Element {
  return (
    <Group gap="xs" wrap="nowrap" data-testid={`agent-field-${label.toLowerCase().replace(/\W+/g, '-')}`}>
      <Text size="xs" c="dimmed" w={110} style={{ flex: '0 0 auto' }}>{label}</Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>{value === null || value === '' ? '—' : value}</Text>
    </Group>
  );
}

/** Side panel of the selected agent: identity, presence reason, MTPs, cache, tags and pin. */
export function AgentDetails({ agent, onOpen, onChanged }: {
  agent: AgentSummary;
  onOpen: (agentId: string) => void;
  onChanged: (a: AgentSummary) => void;
}): JSX.Element {
  const api = useApi();
  const [detail, setDetail] = useState<AgentDetail | null>(null);
  const [confirmForget, setConfirmForget] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api.getAgent(agent.agentId).then((d) => {
      if (!cancelled) setDetail(d);
    }, (e: unknown) => showError(e, 'Loading agent'));
    return () => {
      cancelled = true;
    };
  }, [api, agent.agentId, agent.presence, agent.lastSeen]);

  const saveTags = async (tags: string[]): Promise<void> => {
    try {
      onChanged(await api.setAgentTags(agent.agentId, parseTags(tags.join(','))));
    } catch (e) {
      showError(e, 'Saving tags');
    }
  };

  return (
    <Card withBorder w={300} data-testid="agent-details" style={{ overflow: 'auto', flex: '0 0 300px' }}>
      <Stack gap={6}>
        <Text fw={600} style={{ wordBreak: 'break-all' }}>{agent.agentId}</Text>
        <Text size="sm" data-testid="agent-presence-reason" style={{ overflowWrap: 'anywhere' }}>{agent.presenceReason}</Text>
        {agent.warnings && agent.warnings.length > 0 && (
          <Alert color="yellow" title="Trust warnings" data-testid="agent-warnings" p="xs">
            <Stack gap={2}>
              {agent.warnings.map((w) => (
                <Text key={`${w.at}-${w.message}`} size="xs" style={{ wordBreak: 'break-word' }}>{formatTime(w.at)}: {w.message}</Text>
              ))}
            </Stack>
          </Alert>
        )}
        {agent.approval === 'pending' && (
          <Alert color="orange" p="xs" title="Awaiting approval: who it says it is" data-testid="agent-identity">
            {agentIdentity(agent)}{agent.mtpAddress ? `, reached over ${agent.mtpAddress}` : ''}
          </Alert>
        )}
        <Field label="Since" value={formatTime(agent.presenceSince)} />
        <Field label="MTP" value={agent.mtpAddress} />
        <Field label="Manufacturer" value={agent.manufacturer} />
        <Field label="Model" value={agent.model} />
        <Field label="Firmware" value={agent.firmware} />
        <Field label="Serial" value={agent.serialNumber} />
        <Field label="OUI / class" value={[agent.oui, agent.productClass].filter(Boolean).join(' / ')} />
        <Field label="USP versions" value={agent.protocolVersions} />
        <Field label="First seen" value={formatTime(agent.firstSeen)} />
        <Field label="Last seen" value={seenNow(agent) ? 'now' : formatTime(agent.lastSeen)} />
        {detail && (
          <>
            <Field label="Cached" value={`${detail.cache.paramCount} parameters, ${detail.cache.objectCount} objects`} />
            <Field label="Schema read" value={formatTime(detail.cache.schemaFetchedAt)} />
            {detail.mtps.map((m) => (
              // Addresses in words (broker, host, topic) are long: written out in full, wrapping, not in a badge.
              <Text key={`${m.mtp}-${m.address}`} size="xs" c={m.connected ? 'green' : 'dimmed'} style={{ overflowWrap: 'anywhere' }} data-testid="agent-mtp">
                {m.connected ? '● connected' : '○ not connected'} over {m.label}
              </Text>
            ))}
            <LinkSecurity detail={detail} />
            <ControllerTrustPanel key={agent.agentId} agentId={agent.agentId} online={agent.presence === 'online'} />
          </>
        )}
        <TagsInput label="Tags" aria-label="Tags" data-testid="agent-tags" value={agent.tags} onChange={(t) => void saveTags(t)} clearable />
        <Switch
          label="Pinned"
          checked={agent.pinned}
          data-testid="agent-pin"
          onChange={(e) => {
            const pinned = e.currentTarget.checked;
            api.setAgentPinned(agent.agentId, pinned).then(onChanged, (err: unknown) => showError(err, 'Pin'));
          }}
        />
        <E2ESessionSwitch agentId={agent.agentId} refreshKey={agent.lastSeen} />
        <Button mt="xs" onClick={() => onOpen(agent.agentId)} data-testid="agent-details-open">Open data model</Button>
        {/* Two clicks: forgetting drops the cached model, values, notifications and trace of the agent. */}
        <Button
          variant={confirmForget ? 'filled' : 'light'}
          color="red"
          data-testid="agent-forget"
          onClick={() => {
            if (!confirmForget) {
              setConfirmForget(true);
              return;
            }
            api.forgetAgent(agent.agentId).catch((err: unknown) => showError(err, 'Forget agent'));
          }}
        >
          {confirmForget ? 'Click again to forget this agent and its cached data' : 'Forget agent'}
        </Button>
      </Stack>
    </Card>
  );
}
