import type { JSX } from 'react';
import { Group, NumberInput, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { ACTIVATE_MODES, CHECKSUM_ALGORITHMS, type DraftNumber, type FirmwareDraft } from './job-draft';

/** The issue paths a field of this form shows next to itself. */
export const FIRMWARE_FIELD_ISSUES: ReadonlySet<string> = new Set(
  ['url', 'expectedVersion', 'username', 'password', 'fileSize', 'checkSumAlgorithm', 'checkSum', 'downloadTimeoutSeconds', 'bootTimeoutSeconds', 'activateWindow.start', 'activateWindow.end', 'activateWindow.mode', 'activateWindow.userMessage'].map((p) => `operation.${p}`),
);

/** The firmware operation's form (docs/jobs.md "Firmware campaigns"); `issues` are the shared schema's, by path. */
export function FirmwareFields({ value, issues, onChange }: { value: FirmwareDraft; issues: Record<string, string>; onChange: (f: FirmwareDraft) => void }): JSX.Element {
  const set = <K extends keyof FirmwareDraft>(key: K, v: FirmwareDraft[K]): void => onChange({ ...value, [key]: v });
  const num = (key: 'fileSize' | 'downloadTimeoutSeconds' | 'bootTimeoutSeconds' | 'windowStart' | 'windowEnd') => (v: string | number): void =>
    set(key, (typeof v === 'number' ? v : '') satisfies DraftNumber);
  const issue = (path: string): string | undefined => issues[`operation.${path}`];
  return (
    <Stack gap="xs" data-testid="op-firmware">
      <Group grow align="start">
        <TextInput label="Image URL" description="http, https or ftp" placeholder="https://fw.example.net/hgw-3.3.0.img" value={value.url} onChange={(e) => set('url', e.currentTarget.value)} error={issue('url')} data-testid="op-firmware-url" classNames={{ input: 'mono' }} />
        <TextInput label="Expected new SoftwareVersion" placeholder="3.3.0" value={value.expectedVersion} onChange={(e) => set('expectedVersion', e.currentTarget.value)} error={issue('expectedVersion')} data-testid="op-firmware-version" />
      </Group>
      <Group grow align="start">
        <TextInput label="Username" description="For the image server (optional)" value={value.username} onChange={(e) => set('username', e.currentTarget.value)} error={issue('username')} autoComplete="off" data-testid="op-firmware-username" />
        <PasswordInput label="Password" description="Sent to the agents in Download()" value={value.password} onChange={(e) => set('password', e.currentTarget.value)} error={issue('password')} autoComplete="new-password" data-testid="op-firmware-password" />
        <NumberInput label="File size (bytes)" description="The agent checks it (optional)" min={0} allowDecimal={false} allowNegative={false} value={value.fileSize} onChange={num('fileSize')} error={issue('fileSize')} data-testid="op-firmware-size" />
      </Group>
      <Group grow align="start">
        <Select
          label="Checksum algorithm"
          placeholder="none"
          data={[...CHECKSUM_ALGORITHMS]}
          value={value.checkSumAlgorithm}
          onChange={(v) => set('checkSumAlgorithm', (v as FirmwareDraft['checkSumAlgorithm']) ?? null)}
          clearable
          error={issue('checkSumAlgorithm')}
          comboboxProps={{ withinPortal: true }}
          data-testid="op-firmware-checksum-algorithm"
        />
        <TextInput label="Checksum" description="Hex digest of the image (optional)" value={value.checkSum} onChange={(e) => set('checkSum', e.currentTarget.value)} error={issue('checkSum')} classNames={{ input: 'mono' }} data-testid="op-firmware-checksum" />
      </Group>
      <Group grow align="start">
        <NumberInput label="Download timeout (s)" description="Wait this long for TransferComplete!" min={1} max={86_400} allowDecimal={false} allowNegative={false} value={value.downloadTimeoutSeconds} onChange={num('downloadTimeoutSeconds')} error={issue('downloadTimeoutSeconds')} data-testid="op-firmware-download-timeout" />
        <NumberInput label="Boot timeout (s)" description="Wait this long for Boot! after Activate() (after the window's end)" min={1} max={86_400} allowDecimal={false} allowNegative={false} value={value.bootTimeoutSeconds} onChange={num('bootTimeoutSeconds')} error={issue('bootTimeoutSeconds')} data-testid="op-firmware-boot-timeout" />
      </Group>
      <Switch label="Activate in a time window (instead of at once)" checked={value.windowEnabled} onChange={(e) => set('windowEnabled', e.currentTarget.checked)} data-testid="op-firmware-window" />
      {value.windowEnabled && (
        <Group grow align="start">
          <NumberInput label="Window start (s)" description="After the agent receives Activate()" min={0} allowDecimal={false} allowNegative={false} value={value.windowStart} onChange={num('windowStart')} error={issue('activateWindow.start')} data-testid="op-firmware-window-start" />
          <NumberInput label="Window end (s)" description="Not before the start" min={0} allowDecimal={false} allowNegative={false} value={value.windowEnd} onChange={num('windowEnd')} error={issue('activateWindow.end')} data-testid="op-firmware-window-end" />
          <Select label="Mode" data={[...ACTIVATE_MODES]} value={value.windowMode} onChange={(v) => v && set('windowMode', v as FirmwareDraft['windowMode'])} allowDeselect={false} comboboxProps={{ withinPortal: true }} error={issue('activateWindow.mode')} data-testid="op-firmware-window-mode" />
          {value.windowMode === 'ConfirmationNeeded' && (
            <TextInput label="Message to the user" value={value.windowUserMessage} onChange={(e) => set('windowUserMessage', e.currentTarget.value)} error={issue('activateWindow.userMessage')} data-testid="op-firmware-window-message" />
          )}
        </Group>
      )}
    </Stack>
  );
}
