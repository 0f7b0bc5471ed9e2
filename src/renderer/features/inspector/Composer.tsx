import { useState, type JSX } from 'react';
import { Button, Code, Group, JsonInput, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import type { RawMessageResult } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError } from '../../lib/notify';
import { composerTypes, messageTemplate } from './inspector-model';

/** Compose any USP message as JSON (usp.Msg, keep-case) and send it to an agent. */
export function Composer({ agentIds, defaultAgent, opened, onClose }: {
  agentIds: readonly string[];
  defaultAgent: string | null;
  opened: boolean;
  onClose: () => void;
}): JSX.Element {
  const api = useApi();
  const [agentId, setAgentId] = useState<string | null>(defaultAgent);
  const [msgType, setMsgType] = useState<string>('GET');
  const [path, setPath] = useState('Device.DeviceInfo.');
  const [text, setText] = useState(() => JSON.stringify(messageTemplate('GET', 'Device.DeviceInfo.'), null, 2));
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<RawMessageResult | null>(null);

  const applyTemplate = (type: string, p: string): void => {
    setMsgType(type);
    setPath(p);
    setText(JSON.stringify(messageTemplate(type, p), null, 2));
  };

  let parsed: Record<string, unknown> | null = null;
  let parseError: string | null = null;
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) parsed = v as Record<string, unknown>;
    else parseError = 'The message must be a JSON object {header, body}.';
  } catch (e) {
    parseError = e instanceof Error ? e.message : 'Invalid JSON';
  }

  const send = async (): Promise<void> => {
    if (!agentId || !parsed) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await api.sendRawMessage(agentId, parsed));
    } catch (e) {
      showError(e, 'Send');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened={opened} onClose={onClose} title="Compose a USP message" size="xl" data-testid="composer">
      <Stack gap="xs">
        <Group gap="xs" align="flex-end">
          <Select label="Agent" aria-label="Agent" data={[...agentIds]} value={agentId} onChange={setAgentId} searchable w={260} data-testid="composer-agent" comboboxProps={{ withinPortal: true }} />
          <Select label="Template" aria-label="Template" data={[...composerTypes]} value={msgType} allowDeselect={false} onChange={(v) => v && applyTemplate(v, path)} w={200} data-testid="composer-template" comboboxProps={{ withinPortal: true }} />
          <TextInput label="Path" aria-label="Template path" value={path} onChange={(e) => applyTemplate(msgType, e.currentTarget.value)} style={{ flex: 1 }} classNames={{ input: 'mono' }} />
        </Group>
        <JsonInput
          label="Message (usp.Msg as JSON; an empty msg_id is generated)"
          aria-label="Message JSON"
          value={text}
          onChange={setText}
          autosize
          minRows={10}
          maxRows={24}
          error={parseError}
          classNames={{ input: 'mono' }}
          data-testid="composer-json"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>Close</Button>
          <Button onClick={() => void send()} loading={busy} disabled={!agentId || parsed === null} data-testid="composer-send">Send</Button>
        </Group>
        {result && (
          <Stack gap={4} data-testid="composer-result">
            <Text size="sm">Sent msg_id <span className="mono">{result.msgId}</span>{result.latencyMs !== null ? ` · answered in ${result.latencyMs} ms` : ''}</Text>
            {result.response && <Code block className="pre" data-testid="composer-response">{JSON.stringify(result.response, null, 2)}</Code>}
          </Stack>
        )}
      </Stack>
    </Modal>
  );
}
