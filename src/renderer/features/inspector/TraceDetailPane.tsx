import { useEffect, useState, type JSX } from 'react';
import { Anchor, Badge, Code, Group, Stack, Tabs, Text } from '@mantine/core';
import type { TraceDetail, TraceSessionInfo } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { formatTime } from '../../lib/format';
import { showError } from '../../lib/notify';
import { hexDump, type Pairing } from './inspector-model';

/** One Record decoded three ways: record fields, the message as JSON, and hex. */
export function TraceDetailPane({ traceId, pairing, onSelect }: {
  traceId: number;
  pairing: Pairing | undefined;
  onSelect: (id: number) => void;
}): JSX.Element {
  const api = useApi();
  const [detail, setDetail] = useState<TraceDetail | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.getTraceRecord(traceId).then((d) => {
      if (!cancelled) setDetail(d);
    }, (e: unknown) => showError(e, 'Loading record'));
    return () => {
      cancelled = true;
    };
  }, [api, traceId]);

  if (!detail) return <Text size="sm" c="dimmed">Loading…</Text>;
  return (
    <Stack gap={6} data-testid="trace-detail">
      <Group gap="xs">
        <Badge variant="light" color={detail.direction === 'in' ? 'teal' : 'indigo'}>{detail.direction === 'in' ? 'received' : 'sent'}</Badge>
        <Text size="sm" fw={600}>{detail.msgType ?? detail.recordKind ?? 'Record'}</Text>
        <Text size="xs" c="dimmed">{formatTime(detail.at)} · {detail.size} bytes · {detail.mtp ?? ''}</Text>
      </Group>
      {detail.decodeError && <Text size="sm" c="red">Could not decode: {detail.decodeError}</Text>}
      {detail.session && <SessionLine session={detail.session} />}
      {pairing && (
        <Text size="sm" data-testid="trace-pair">
          {pairing.role === 'request' ? 'Response' : 'Request'}:{' '}
          <Anchor component="button" onClick={() => onSelect(pairing.otherId)} data-testid="trace-pair-link">#{pairing.otherId}</Anchor>
          {' '}· latency <span data-testid="trace-latency">{pairing.latencyMs} ms</span>
        </Text>
      )}
      <Tabs defaultValue="message" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="message" data-testid="trace-tab-message">Message</Tabs.Tab>
          <Tabs.Tab value="record" data-testid="trace-tab-record">Record</Tabs.Tab>
          <Tabs.Tab value="hex" data-testid="trace-tab-hex">Hex</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="message" pt="xs">
          <Code block className="pre" data-testid="trace-message-json">{detail.message ? JSON.stringify(detail.message, null, 2) : detail.session?.payloadSarState && detail.session.payloadSarState !== 'NONE' ? '(one segment of a message split over several Records: see Hex)' : '(no message)'}</Code>
        </Tabs.Panel>
        <Tabs.Panel value="record" pt="xs">
          <Code block className="pre" data-testid="trace-record-json">{JSON.stringify(detail.record, null, 2)}</Code>
        </Tabs.Panel>
        <Tabs.Panel value="hex" pt="xs">
          <Code block className="pre" data-testid="trace-hex">{hexDump(detail.hex)}</Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

/** E2E session context of the Record: session id, sequence numbers and segment state. */
function SessionLine({ session }: { session: TraceSessionInfo }): JSX.Element {
  const number = session.segment === null ? '' : ` ${session.segment}`;
  const segment = session.payloadSarState === 'NONE' ? (session.payloadBytes > 0 ? 'whole message' : 'no payload') : `segment${number} ${session.payloadSarState}`;
  return (
    <Text size="sm" data-testid="trace-session">
      Session <b data-testid="trace-session-id">{session.sessionId}</b> · sequence <b data-testid="trace-session-seq">{session.sequenceId}</b> · expects {session.expectedId}
      {session.retransmitId !== 0 && <> · asks to resend <b>{session.retransmitId}</b></>} · <span data-testid="trace-session-segment">{segment}</span> ({session.payloadBytes} bytes)
    </Text>
  );
}
