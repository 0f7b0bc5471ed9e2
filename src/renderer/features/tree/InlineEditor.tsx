import { useState, type JSX } from 'react';
import type { ParamEntry } from '../../../shared/console-api';
import { normaliseValue, validateValue } from './value-validators';

/**
 * In-row editor of a writable parameter: Enter sets (when the value is valid for its type),
 * Escape cancels. The error shows as the field's tooltip and red outline while typing, and in
 * words next to the field when Enter is pressed on an invalid value.
 */
export function InlineEditor({ param, initial, onCommit, onCancel }: {
  param: ParamEntry;
  initial: string;
  /** Sets the value; resolves with the agent's reason when it refused it (shown next to the field). */
  onCommit: (value: string) => Promise<string | null>;
  onCancel: () => void;
}): JSX.Element {
  const [text, setText] = useState(initial);
  const [tried, setTried] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const invalid = validateValue(text, param.schema.type, param.schema.constraints);
  const error = invalid ?? refusal;
  const commit = async (): Promise<void> => {
    setSending(true);
    const reason = await onCommit(normaliseValue(text, param.schema.type));
    setSending(false);
    setRefusal(reason);
    setTried(true);
  };
  return (
    <>
      <input
        className="mono inline-editor"
        aria-label={`Edit ${param.path}`}
        aria-invalid={error !== null}
        data-testid="tree-inline-edit"
        title={error ?? `${param.schema.type} — Enter to set, Escape to cancel`}
        value={text}
        autoFocus
        onClick={(e) => e.stopPropagation()}
        readOnly={sending}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setRefusal(null);
        }}
        onBlur={() => {
          if (!sending) onCancel();
        }}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter' && !sending) {
            if (invalid === null) void commit();
            else setTried(true);
          }
        }}
      />
      {tried && error !== null && <span className="inline-editor-error" role="alert" data-testid="tree-inline-error">{error}</span>}
    </>
  );
}
