import type { InputHTMLAttributes, ReactNode } from 'react';
import { fieldProblem } from '../lib/a11y.ts';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'aria-invalid' | 'aria-describedby'>;

/**
 * One labelled text field: the label, the input, a hint and the field's own error, tied together by
 * ids (`<id>-hint`, and `errorId` — the error may be shown here or at the form's end) so a screen
 * reader reads the error and the hint with the field.
 */
export function TextField(
  props: InputProps & {
    id: string;
    label: ReactNode;
    value: string;
    onChange: (value: string) => void;
    hint?: ReactNode;
    /** The field is wrong: aria-invalid, and described by `errorId`. */
    invalid?: boolean;
    errorId?: string;
    /** The error sentence shown under the field (with id `errorId`); omit when the form shows it. */
    error?: ReactNode;
    'data-testid'?: string;
  },
) {
  const { id, label, value, onChange, hint, invalid = false, errorId = `${id}-error`, error, ...input } = props;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        autoComplete="off"
        spellCheck={false}
        {...input}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        {...fieldProblem(invalid, errorId, hintId)}
      />
      {hint && (
        <p className="muted" id={hintId}>
          {hint}
        </p>
      )}
      {invalid && error && (
        <p className="error-text" id={errorId} data-testid={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
