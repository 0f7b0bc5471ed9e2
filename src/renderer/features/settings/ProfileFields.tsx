import type { JSX } from 'react';
import { Badge, Group, NumberInput, PasswordInput, Select, Switch, TextInput } from '@mantine/core';
import type {
  MqttBrokerProfile, StompBrokerProfile, TlsFiles, TransportStatus, WebSocketListenerProfile,
} from '../../../shared/console-api';
import type { EditableBroker } from './settings-form';

export function StatusBadge({ status }: { status: TransportStatus | undefined }): JSX.Element | null {
  if (!status) return null;
  const color = status.state === 'connected' || status.state === 'listening' ? 'green' : status.state === 'error' ? 'red' : status.state === 'disabled' ? 'gray' : 'yellow';
  return <Badge color={color} variant="light" title={status.detail} data-testid="transport-state">{status.state}</Badge>;
}

function TlsFields({ tls, onChange, server }: { tls: TlsFiles | undefined; onChange: (t: TlsFiles | undefined) => void; server?: boolean }): JSX.Element {
  const t = tls ?? {};
  const set = (patch: Partial<TlsFiles>): void => {
    const next = { ...t, ...patch };
    // A listener keeps `tls: {}` (wss:// with the console certificate of Settings → Certificates).
    const empty = !server && !next.caFile && !next.certFile && !next.keyFile && !next.serverName && next.rejectUnauthorized !== false;
    onChange(empty ? undefined : next);
  };
  return (
    <Group gap="xs" grow>
      {server && <Switch size="xs" mt={22} label="wss:// (TLS)" aria-label="Serve wss" checked={tls !== undefined} onChange={(e) => onChange(e.currentTarget.checked ? {} : undefined)} />}
      {server && tls !== undefined && (
        <Switch size="xs" mt={22} label="Require client certificate" aria-label="Require client certificate" checked={t.requireClientCert === true}
          onChange={(e) => set({ requireClientCert: e.currentTarget.checked ? true : undefined })} />
      )}
      <TextInput size="xs" label="CA file" aria-label="CA file" placeholder="/path/ca.pem" value={t.caFile ?? ''} onChange={(e) => set({ caFile: e.currentTarget.value || undefined })} />
      <TextInput size="xs" label={server ? 'Certificate file' : 'Client certificate'} aria-label="Certificate file" value={t.certFile ?? ''} onChange={(e) => set({ certFile: e.currentTarget.value || undefined })} />
      <TextInput size="xs" label={server ? 'Key file' : 'Client key'} aria-label="Key file" value={t.keyFile ?? ''} onChange={(e) => set({ keyFile: e.currentTarget.value || undefined })} />
      {!server && (
        <TextInput size="xs" label="Server name" aria-label="Server name" placeholder="the URL's host" title="The name the broker's certificate must carry, when it differs from the host dialled"
          value={t.serverName ?? ''} onChange={(e) => set({ serverName: e.currentTarget.value.trim() || undefined })} />
      )}
      {!server && <Switch size="xs" mt={22} label="Verify peer" checked={t.rejectUnauthorized !== false} onChange={(e) => set({ rejectUnauthorized: e.currentTarget.checked })} />}
    </Group>
  );
}

function PasswordField({ profile, onChange }: { profile: { hasPassword: boolean; password?: string | null }; onChange: (p: string | null | undefined) => void }): JSX.Element {
  return (
    <PasswordInput
      size="xs"
      label="Password"
      aria-label="Password"
      placeholder={profile.hasPassword && profile.password === undefined ? '(saved — type to replace)' : ''}
      value={profile.password ?? ''}
      onChange={(e) => onChange(e.currentTarget.value === '' ? (profile.hasPassword ? null : undefined) : e.currentTarget.value)}
    />
  );
}

export function ListenerFields({ p, onChange }: { p: WebSocketListenerProfile; onChange: (p: WebSocketListenerProfile) => void }): JSX.Element {
  return (
    <>
      <Group gap="xs" grow>
        <TextInput size="xs" label="Name" aria-label="Listener name" value={p.name} onChange={(e) => onChange({ ...p, name: e.currentTarget.value })} />
        <TextInput size="xs" label="Bind address" aria-label="Bind address" value={p.host} onChange={(e) => onChange({ ...p, host: e.currentTarget.value })} />
        <NumberInput size="xs" label="Port" aria-label="Port" value={p.port} min={1} max={65535} onChange={(v) => onChange({ ...p, port: Number(v) })} />
        <TextInput size="xs" label="Path" aria-label="Path" value={p.path} onChange={(e) => onChange({ ...p, path: e.currentTarget.value })} />
      </Group>
      <TlsFields server tls={p.tls} onChange={(tls) => onChange(tls ? { ...p, tls } : omitTls(p))} />
    </>
  );
}

export function MqttFields({ p, onChange }: { p: EditableBroker<MqttBrokerProfile>; onChange: (p: EditableBroker<MqttBrokerProfile>) => void }): JSX.Element {
  return (
    <>
      <Group gap="xs" grow>
        <TextInput size="xs" label="Name" aria-label="Broker name" value={p.name} onChange={(e) => onChange({ ...p, name: e.currentTarget.value })} />
        <TextInput size="xs" label="URL" aria-label="Broker URL" value={p.url} onChange={(e) => onChange({ ...p, url: e.currentTarget.value })} />
        <Select size="xs" label="Version" aria-label="MQTT version" data={[{ value: '5', label: 'MQTT 5' }, { value: '4', label: 'MQTT 3.1.1' }]} value={String(p.protocolVersion)} allowDeselect={false} onChange={(v) => onChange({ ...p, protocolVersion: v === '4' ? 4 : 5 })} />
        <TextInput size="xs" label="Client id" aria-label="Client id" value={p.clientId ?? ''} onChange={(e) => onChange({ ...p, clientId: e.currentTarget.value || undefined })} />
      </Group>
      <Group gap="xs" grow>
        <TextInput size="xs" label="Controller topic" aria-label="Controller topic" value={p.controllerTopic} onChange={(e) => onChange({ ...p, controllerTopic: e.currentTarget.value })} />
        <TextInput size="xs" label="Agent topic template" aria-label="Agent topic template" placeholder="usp/agent/{endpointId}" value={p.agentTopicTemplate ?? ''} onChange={(e) => onChange({ ...p, agentTopicTemplate: e.currentTarget.value || undefined })} />
        <TextInput size="xs" label="Username" aria-label="Username" value={p.username ?? ''} onChange={(e) => onChange({ ...p, username: e.currentTarget.value || undefined })} />
        <PasswordField profile={p} onChange={(password) => onChange(withPassword(p, password))} />
      </Group>
      <TlsFields tls={p.tls} onChange={(tls) => onChange(tls ? { ...p, tls } : omitTls(p))} />
    </>
  );
}

export function StompFields({ p, onChange }: { p: EditableBroker<StompBrokerProfile>; onChange: (p: EditableBroker<StompBrokerProfile>) => void }): JSX.Element {
  return (
    <>
      <Group gap="xs" grow>
        <TextInput size="xs" label="Name" aria-label="Broker name" value={p.name} onChange={(e) => onChange({ ...p, name: e.currentTarget.value })} />
        <TextInput size="xs" label="Host" aria-label="Host" value={p.host} onChange={(e) => onChange({ ...p, host: e.currentTarget.value })} />
        <NumberInput size="xs" label="Port" aria-label="Port" value={p.port} min={1} max={65535} onChange={(v) => onChange({ ...p, port: Number(v) })} />
        <TextInput size="xs" label="Virtual host" aria-label="Virtual host" value={p.virtualHost ?? ''} onChange={(e) => onChange({ ...p, virtualHost: e.currentTarget.value || undefined })} />
      </Group>
      <Group gap="xs" grow>
        <TextInput size="xs" label="Controller destination" aria-label="Controller destination" value={p.controllerDestination} onChange={(e) => onChange({ ...p, controllerDestination: e.currentTarget.value })} />
        <TextInput size="xs" label="Agent destination template" aria-label="Agent destination template" value={p.agentDestinationTemplate ?? ''} onChange={(e) => onChange({ ...p, agentDestinationTemplate: e.currentTarget.value || undefined })} />
        <TextInput size="xs" label="Username" aria-label="Username" value={p.username ?? ''} onChange={(e) => onChange({ ...p, username: e.currentTarget.value || undefined })} />
        <PasswordField profile={p} onChange={(password) => onChange(withPassword(p, password))} />
      </Group>
      <TlsFields tls={p.tls} onChange={(tls) => onChange(tls ? { ...p, tls } : omitTls(p))} />
    </>
  );
}

function omitTls<T extends { tls?: TlsFiles }>(p: T): T {
  const { tls, ...rest } = p;
  void tls;
  return rest as T;
}

function withPassword<T extends { password?: string | null }>(p: T, password: string | null | undefined): T {
  const { password: old, ...rest } = p;
  void old;
  return (password === undefined ? rest : { ...rest, password }) as T;
}
