import type { JSX } from 'react';
import { Select, Switch, TextInput } from '@mantine/core';
import type { ParamType, ValueConstraints } from '../../../shared/console-api';
import { validateValue } from './value-validators';

/** A value field typed by the parameter/argument type: select for booleans and enumerations. */
export function ValueInput({ label, type, constraints, value, onChange, testId, required, units }: {
  label: string;
  /** Shown after the label, e.g. 'milliseconds' (from the TR-181 reference). */
  units?: string | undefined;
  type: ParamType;
  constraints?: ValueConstraints;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  required?: boolean;
}): JSX.Element {
  const error = value === '' && !required ? null : validateValue(value, type, constraints);
  const fullLabel = units ? `${label} (${units})` : label;
  if (type === 'boolean' && !constraints?.list) {
    return (
      <Switch
        label={fullLabel}
        aria-label={label}
        checked={value === 'true' || value === '1'}
        onChange={(e) => onChange(e.currentTarget.checked ? 'true' : 'false')}
        data-testid={testId}
        error={value === '' && required ? 'Required' : null}
      />
    );
  }
  const options = !constraints?.list ? constraints?.enumeration : undefined;
  if (options && options.length > 0) {
    return (
      <Select
        label={fullLabel}
        withAsterisk={required}
        aria-label={label}
        data={options}
        value={value === '' ? null : value === '1' ? 'true' : value === '0' ? 'false' : value}
        onChange={(v) => onChange(v ?? '')}
        data-testid={testId}
        error={error}
        allowDeselect={false}
        searchable={options.length > 8}
        comboboxProps={{ withinPortal: true }}
      />
    );
  }
  return (
    <TextInput
      label={fullLabel}
      aria-label={label}
      description={describeType(type, constraints)}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      data-testid={testId}
      classNames={{ input: 'mono' }}
      withAsterisk={required}
    />
  );
}

export function describeType(type: ParamType, c?: ValueConstraints): string {
  const parts: string[] = [c?.list ? `list of ${type}` : type];
  if (c?.minLength !== undefined || c?.maxLength !== undefined) parts.push(`length ${c.minLength ?? 0}..${c.maxLength ?? '∞'}`);
  if (c?.ranges?.length) parts.push(`range ${c.ranges.map((r) => `${r.min ?? '…'}..${r.max ?? '…'}`).join(', ')}`);
  if (c?.enumeration?.length && c.list) parts.push(`items: ${c.enumeration.join(', ')}`);
  if (c?.referenceTo) parts.push(`reference to ${c.referenceTo}`);
  return parts.join(' · ');
}
