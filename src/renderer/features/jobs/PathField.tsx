import { useEffect, useState, type JSX } from 'react';
import { Autocomplete } from '@mantine/core';
import { useApi } from '../../api/api-context';

/** A USP path with autocomplete from the reference agent's cached schema and instances. */
export function PathField({ agentId, label, value, onChange, testId, placeholder }: {
  /** The agent whose cache suggests paths (the first target); null = no suggestions. */
  agentId: string | null;
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  placeholder?: string;
}): JSX.Element {
  const api = useApi();
  const [options, setOptions] = useState<string[]>([]);
  useEffect(() => {
    if (!agentId || !value.startsWith('Device.')) return;
    let stale = false;
    // Suggestions are a convenience: a failure (no schema cached yet) leaves the list empty.
    api.completePath(agentId, value, 30).then((list) => {
      if (!stale) setOptions(list);
    }, () => {
      if (!stale) setOptions([]);
    });
    return () => {
      stale = true;
    };
  }, [api, agentId, value]);
  return (
    <Autocomplete
      label={label}
      aria-label={label}
      placeholder={placeholder ?? 'Device.'}
      value={value}
      onChange={onChange}
      data={value.startsWith('Device.') ? options : []}
      classNames={{ input: 'mono' }}
      data-testid={testId}
      comboboxProps={{ withinPortal: true }}
      filter={({ options: o }) => o}
      style={{ flex: 1 }}
    />
  );
}
