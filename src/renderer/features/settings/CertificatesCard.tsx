import { useEffect, useState, type JSX } from 'react';
import { Alert, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import type { CertificateFileStatus, CertificateSettings, CertificateStatus } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError } from '../../lib/notify';

function FileStatus({ status, testId }: { status: CertificateFileStatus | null; testId: string }): JSX.Element | null {
  if (status === null) return null;
  return (
    <Stack gap={2} data-testid={testId}>
      {status.error !== null && <Alert color="red" p={6}><Text size="xs">{status.error}</Text></Alert>}
      {status.certificates.map((c) => (
        <Text key={c.fingerprint256} size="xs" style={{ wordBreak: 'break-all' }}>
          {c.subject} — issuer {c.issuer} — expires {c.validTo}
          {c.endpointIds.length > 0 ? ` — Endpoint ID ${c.endpointIds.join(', ')}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

/**
 * The console's own certificate and the CAs it trusts (Settings → Certificates): every TLS
 * listener and broker profile uses them unless it names its own files. `usp-console certs`
 * fills them in for a bench CA. `savedAt` reloads what the files hold after a save.
 */
export function CertificatesCard({ value, onChange, savedAt }: { value: CertificateSettings; onChange: (c: CertificateSettings) => void; savedAt: number }): JSX.Element {
  const api = useApi();
  const [status, setStatus] = useState<CertificateStatus | null>(null);

  useEffect(() => {
    api.getCertificates().then(setStatus, (e: unknown) => showError(e, 'Reading certificates'));
  }, [api, savedAt]);

  const path = (text: string): string | null => (text.trim() === '' ? null : text.trim());
  return (
    <Card withBorder p="xs" data-testid="settings-certificates">
      <Title order={5} mb={4}>Certificates</Title>
      <Stack gap={4}>
        <TextInput size="xs" label="Trusted CA file (PEM bundle)" aria-label="Trusted CA file" placeholder="~/.local/share/usp-console/certs/ca.crt" classNames={{ input: 'mono' }}
          value={value.trustedCaFile ?? ''} onChange={(e) => onChange({ ...value, trustedCaFile: path(e.currentTarget.value) })} />
        <FileStatus status={status?.trustedCa ?? null} testId="settings-trusted-ca" />
        <Group gap="xs" grow>
          <TextInput size="xs" label="Console certificate" aria-label="Console certificate file" classNames={{ input: 'mono' }}
            value={value.certFile ?? ''} onChange={(e) => onChange({ ...value, certFile: path(e.currentTarget.value) })} />
          <TextInput size="xs" label="Console key" aria-label="Console key file" classNames={{ input: 'mono' }}
            value={value.keyFile ?? ''} onChange={(e) => onChange({ ...value, keyFile: path(e.currentTarget.value) })} />
        </Group>
        <FileStatus status={status?.console ?? null} testId="settings-console-certificate" />
        <Text size="xs" c="dimmed">Used by wss:// listeners and mqtts:// / stomps:// brokers that name no files of their own. A bench CA: usp-console certs init, then certs issue --endpoint-id EID [--controller].</Text>
      </Stack>
    </Card>
  );
}
