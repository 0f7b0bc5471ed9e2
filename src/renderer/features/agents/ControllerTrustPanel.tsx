import { useState, type JSX } from 'react';
import { Alert, Badge, Button, Group, Stack, Text } from '@mantine/core';
import type { ControllerTrust } from '../../../shared/console-api';
import { useApi } from '../../api/api-context';
import { showError } from '../../lib/notify';

/** What the agent grants this console (its Controller row, roles, permissions), read on request. */
export function ControllerTrustPanel({ agentId, online }: { agentId: string; online: boolean }): JSX.Element {
  const api = useApi();
  const [trust, setTrust] = useState<ControllerTrust | null>(null);
  const [loading, setLoading] = useState(false);

  const load = async (): Promise<void> => {
    setLoading(true);
    try {
      setTrust(await api.getControllerTrust(agentId));
    } catch (e) {
      showError(e, 'Reading controller trust');
    } finally {
      setLoading(false);
    }
  };

  return (
    <Stack gap={4} data-testid="agent-controller-trust">
      <Button size="xs" variant="light" onClick={() => void load()} loading={loading} disabled={!online} data-testid="agent-controller-trust-read">
        {trust ? 'Read controller trust again' : 'Read controller trust'}
      </Button>
      {trust && (
        <>
          <Text size="xs">{trust.controllerPath ? `${trust.controllerPath} ${trust.enable ? 'enabled' : 'disabled'}` : 'no Controller row for this console'}</Text>
          {trust.credential && <Text size="xs">Credential {trust.credential}</Text>}
          {trust.problems.length > 0 && <Alert color="orange" p={6}>{trust.problems.map((p) => <Text key={p} size="xs">{p}</Text>)}</Alert>}
          {trust.roles.map((role) => (
            <Stack key={`${role.source}-${role.path}`} gap={2} data-testid="agent-trust-role">
              <Group gap={4}>
                <Text size="xs" fw={600}>{role.name || role.path}</Text>
                <Badge size="xs" variant="outline">{role.source}</Badge>
                {!role.enable && <Badge size="xs" color="gray">disabled</Badge>}
              </Group>
              {role.permissions.map((p) => (
                <Text key={p.path} size="xs" c={p.enable ? undefined : 'dimmed'} className="mono" style={{ wordBreak: 'break-all' }}>
                  #{p.order} {p.targets.join(',')} Param {p.param} Obj {p.obj} Inst {p.instantiatedObj} Cmd {p.commandEvent}
                </Text>
              ))}
            </Stack>
          ))}
        </>
      )}
    </Stack>
  );
}
