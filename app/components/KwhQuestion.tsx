import { useEffect, useRef } from 'react';
import type { KwhAmbiguity } from '../lib/amounts.ts';
import { TextField } from './TextField.tsx';
import { formatKwh } from '../lib/format.ts';
import { useTradeT } from '../lib/trade-dict.ts';

/**
 * An ambiguous kWh amount ("1.5", "1.500" typed in pt-BR) asked about, not guessed: the question and
 * its two readings as buttons. `onChoose` gets the text of the chosen reading (no longer
 * ambiguous), which replaces the field's text. Test ids `<id>-question`, `<id>-decimal`, `<id>-whole`.
 */
export function KwhQuestion({ id, ambiguity, onChoose }: { id: string; ambiguity: KwhAmbiguity; onChoose: (text: string) => void }) {
  const { d, lang } = useTradeT();
  const title = useRef<HTMLParagraphElement>(null);
  useEffect(() => title.current?.focus(), [ambiguity]);
  const a = formatKwh(ambiguity.decimalWh, lang);
  const b = formatKwh(ambiguity.wholeWh, lang);
  return (
    <div className="question" role="group" aria-labelledby={`${id}-question-title`} aria-describedby={`${id}-question-hint`} data-testid={`${id}-question`}>
      <p id={`${id}-question-title`} ref={title} tabIndex={-1}>
        <strong>{d.writes.ambiguous(a, b)}</strong>
      </p>
      <p className="muted" id={`${id}-question-hint`}>
        {d.writes.ambiguousHint}
      </p>
      <div className="review-actions">
        <button type="button" className="secondary" data-testid={`${id}-decimal`} onClick={() => onChoose(ambiguity.decimalText)}>
          {a}
        </button>
        <button type="button" className="secondary" data-testid={`${id}-whole`} onClick={() => onChoose(ambiguity.wholeText)}>
          {b}
        </button>
      </div>
    </div>
  );
}

/**
 * A kWh amount field with its question: typing drops a pending question; choosing a reading puts it
 * in the field and hands it to `onChosen` (the form goes on with it, e.g. to its review).
 */
export function KwhAmountField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (text: string) => void;
  question: KwhAmbiguity | undefined;
  onQuestion: (q: KwhAmbiguity | undefined) => void;
  onChosen: (text: string) => void;
  invalid: boolean;
  errorId: string;
}) {
  const { id, question } = props;
  return (
    <>
      <TextField
        id={id}
        data-testid={id}
        label={props.label}
        inputMode="decimal"
        value={props.value}
        onChange={(v) => {
          props.onChange(v);
          props.onQuestion(undefined);
        }}
        invalid={props.invalid}
        errorId={props.errorId}
      />
      {question && (
        <KwhQuestion
          id={id}
          ambiguity={question}
          onChoose={(text) => {
            props.onChange(text);
            props.onChosen(text);
          }}
        />
      )}
    </>
  );
}
