import { useCallback, useEffect, useRef, useState } from 'react';
import { useI18n } from '../lib/i18n.ts';
import { useWrite, type WriteOutcome } from '../lib/tx/useWrite.ts';
import { ActionButton } from './ActionButton.tsx';
import { WriteError } from './FormOutcome.tsx';

/** What a write will do, in plain words, before anything is signed. */
export interface Review {
  /** One sentence with the amounts as they will be recorded: "Você vai doar 1.234,5 kWh para Apto 102." */
  summary: string;
  /** Further facts worth a last look (label, value), e.g. the price and the total. */
  facts?: ReadonlyArray<readonly [string, string]>;
  /** Sends the write (one transaction or a flow of several). */
  send: () => Promise<WriteOutcome>;
}

/**
 * A write with a last look: `ask(review)` shows the review instead of sending; `confirm` sends it
 * (useWrite: one at a time, errors reported the same way), `back` returns to the form with nothing
 * sent. The review is dropped after a send, whatever its outcome.
 */
export function useReviewedWrite(onDone?: () => unknown) {
  const write = useWrite(onDone);
  const [review, setReview] = useState<Review | null>(null);
  const { run, setError } = write;
  const ask = useCallback(
    (r: Review) => {
      setError('');
      setReview(r);
    },
    [setError],
  );
  const confirm = useCallback(async (): Promise<boolean> => {
    if (!review) return false;
    const ok = await run(review.send);
    setReview(null);
    return ok;
  }, [review, run]);
  const back = useCallback(() => setReview(null), []);
  return { ...write, review, ask, confirm, back };
}

/**
 * The last look before signing: a labelled group that takes focus when it appears, the summary,
 * the facts, "Confirmar" and "Voltar". `name` prefixes the test ids (`<name>-review`,
 * `<name>-confirm`, `<name>-back`).
 */
export function ReviewStep(props: { name: string; review: Review; busy: boolean; error?: string; onConfirm: () => void; onBack: () => void }) {
  const { name, review, busy, error, onConfirm, onBack } = props;
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const id = `${name}-review-title`;
  return (
    <section className="review" role="group" aria-labelledby={id} data-testid={`${name}-review`}>
      <h3 id={id} ref={heading} tabIndex={-1}>
        {t.review.title}
      </h3>
      <p data-testid={`${name}-review-summary`}>{review.summary}</p>
      {review.facts && review.facts.length > 0 && (
        <dl className="facts">
          {review.facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
      <WriteError error={error} testId={`${name}-error`} />
      <div className="review-actions">
        <ActionButton type="button" data-testid={`${name}-confirm`} unavailable={busy} onClick={onConfirm}>
          {busy ? t.review.sending : t.review.confirm}
        </ActionButton>
        <ActionButton type="button" className="secondary" data-testid={`${name}-back`} unavailable={busy} onClick={onBack}>
          {t.review.back}
        </ActionButton>
      </div>
      <p className="muted">{t.review.note}</p>
    </section>
  );
}

/** What useReviewedWrite returns. */
export type ReviewedWrite = ReturnType<typeof useReviewedWrite>;

/**
 * The review while one is asked for, else the write's last error: the end of a write that has no
 * form of its own (a cancel or a withdrawal beside a list). `afterBack` runs after "Voltar" (e.g. put
 * the focus back on the button that asked).
 */
export function ReviewOrError({ name, w, afterBack }: { name: string; w: ReviewedWrite; afterBack?: () => void }) {
  if (!w.review) return <WriteError error={w.error} testId={`${name}-error`} />;
  return (
    <ReviewStep
      name={name}
      review={w.review}
      busy={w.busy}
      error={w.error}
      onConfirm={() => void w.confirm()}
      onBack={() => {
        w.back();
        afterBack?.();
      }}
    />
  );
}
