import type { JSX } from 'react';
import { Alert, Badge, Group, Stack, Text } from '@mantine/core';
import type { AgentDetail } from '../../../shared/console-api';
import type { TlsLinkState } from '../../../shared/model/tls';
import { formatTime } from '../../lib/format';

function Line({ label, value }: { label: string; value: string }): JSX.Element {
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <Text size="xs" c="dimmed" w={70}>{label}</Text>
      <Text size="xs" style={{ wordBreak: 'break-all' }}>{value}</Text>
    </Group>
  );
}

function TlsState({ tls }: { tls: TlsLinkState }): JSX.Element {
  const peer = tls.peer;
  return (
    <Stack gap={2}>
      <Group gap={4}>
        <Badge size="xs" color={tls.authorized ? 'green' : 'orange'}>{tls.authorized ? 'verified' : `not verified${tls.authorizationError ? `: ${tls.authorizationError}` : ''}`}</Badge>
        <Badge size="xs" variant="outline">{tls.peerIsEndpoint ? "agent's certificate" : "broker's certificate"}</Badge>
      </Group>
      <Line label="Protocol" value={`${tls.protocol ?? '?'} ${tls.cipher ?? ''}`} />
      {peer === null ? (
        <Line label="Peer" value="no certificate" />
      ) : (
        <>
          <Line label="Subject" value={peer.subject} />
          <Line label="SAN" value={peer.subjectAltNames.map((s) => `${s.type}:${s.value}`).join(', ') || '—'} />
          <Line label="Issuer" value={peer.issuer} />
          <Line label="Expires" value={peer.validTo} />
        </>
      )}
    </Stack>
  );
}

/** TLS state of each MTP link of an agent, and the last Record refused for a certificate mismatch. */
export function LinkSecurity({ detail }: { detail: AgentDetail }): JSX.Element | null {
  const secured = detail.mtps.filter((m) => m.tls !== null);
  if (secured.length === 0 && detail.certificateRefusal === null) return null;
  return (
    <Stack gap={6} data-testid="agent-link-security">
      {detail.certificateRefusal && (
        <Alert color="red" title={`Record refused ${formatTime(detail.certificateRefusal.at)}`} data-testid="agent-certificate-refusal">
          <Text size="xs">{detail.certificateRefusal.reason}</Text>
        </Alert>
      )}
      {secured.map((m) => (
        <Stack key={`${m.profileId ?? ''}-${m.address}`} gap={2}>
          <Text size="xs" fw={600}>TLS on {m.mtp} {m.profileId ?? m.address}</Text>
          {m.tls && <TlsState tls={m.tls} />}
        </Stack>
      ))}
    </Stack>
  );
}
