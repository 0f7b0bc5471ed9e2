import type { JSX } from 'react';
import { Text } from '@mantine/core';
import type { ReferenceFacts } from '../../../shared/console-api';
import { Prop } from './Prop';

/** The built-in TR-181 reference's facts about a parameter: units, default, data type, hints. */
export function ReferenceProps({ facts }: { facts: ReferenceFacts | undefined }): JSX.Element | null {
  if (!facts) return null;
  if (!facts.standard) {
    return <Text size="xs" c="dimmed" data-testid="param-standard">Not in the standard model (TR-181 Device:2.19): a vendor or agent-specific parameter.</Text>;
  }
  return (
    <>
      {facts.units !== undefined && <Prop label="Units" value={facts.units} testId="param-units" />}
      {facts.default !== undefined && <Prop label="Default" value={facts.default === '' ? '(empty)' : facts.default} mono testId="param-default" />}
      {facts.dataType !== undefined && <Prop label="Data type" value={facts.dataType} testId="param-data-type" />}
      {facts.volatile && <Text size="xs" c="dimmed" data-testid="param-volatile">Changes by itself (counter, clock or uptime): diffs can ignore it.</Text>}
      {facts.status !== undefined && <Text size="xs" c="orange">{facts.status} in the standard.</Text>}
    </>
  );
}
