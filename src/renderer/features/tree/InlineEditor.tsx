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
  onCommit: (value: string) => void;
  onCancel: () => void;
}): JSX.Element {
  const [text, setText] = useState(initial);
  const [tried, setTried] = useState(false);
  const error = validateValue(text, param.schema.type, param.schema.constraints);
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
        onChange={(e) => setText(e.currentTarget.value)}
        onBlur={onCancel}
        onKeyDown={(e) => {
          e.stopPropagation();
          if (e.key === 'Escape') onCancel();
          if (e.key === 'Enter') {
            if (error === null) onCommit(normaliseValue(text, param.schema.type));
            else setTried(true);
          }
        }}
      />
      {tried && error !== null && <span className="inline-editor-error" role="alert" data-testid="tree-inline-error">{error}</span>}
    </>
  );
}
