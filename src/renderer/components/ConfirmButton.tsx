import { useState, type JSX, type ReactNode } from 'react';
import { Button, Group, Text } from '@mantine/core';

/**
 * A destructive action in two clicks, inline (no window.confirm: it blocks the page and
 * browsers under automation dismiss it). The second button's test id is `<testId>-confirm`.
 */
export function ConfirmButton({ children, question, onConfirm, testId }: {
  children: ReactNode;
  question: string;
  onConfirm: () => void;
  testId: string;
}): JSX.Element {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return <Button size="xs" color="red" variant="light" onClick={() => setAsking(true)} data-testid={testId}>{children}</Button>;
  }
  return (
    <Group gap={4} wrap="nowrap">
      <Text size="xs">{question}</Text>
      <Button size="xs" color="red" onClick={() => { setAsking(false); onConfirm(); }} data-testid={`${testId}-confirm`}>Yes</Button>
      <Button size="xs" variant="default" onClick={() => setAsking(false)}>No</Button>
    </Group>
  );
}
