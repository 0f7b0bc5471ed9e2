import type { JSX } from 'react';
import { Select, TextInput } from '@mantine/core';
import type { ParamType, ValueConstraints } from '../../../shared/console-api';
import { validateValue } from './value-validators';

/** A value field typed by the parameter/argument type: select for booleans and enumerations. */
export function ValueInput({ label, type, constraints, value, onChange, testId, required }: {
  label: string;
  type: ParamType;
  constraints?: ValueConstraints;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  required?: boolean;
}): JSX.Element {
  const error = value === '' && !required ? null : validateValue(value, type, constraints);
  const options = type === 'boolean' ? ['true', 'false'] : !constraints?.list ? constraints?.enumeration : undefined;
  if (options && options.length > 0) {
    return (
      <Select
        label={label}
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
      label={label}
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
