import { useCallback, useRef } from 'react';
import { ReviewStep, useReviewedWrite, type Review } from '../../components/ReviewStep.tsx';
import { useRefresh } from './data.ts';

/**
 * A console write with its last look (app/components/ReviewStep.tsx): `ask(review)` shows the review
 * instead of sending; nothing is signed until "Confirmar". After a confirmed write the community's
 * figures are refetched. The element that asked (the submit button, or the field Enter was pressed
 * in) gets the focus back after "Voltar" or the send, when it is still on the page.
 */
export function useConsoleWrite() {
  const refresh = useRefresh();
  const w = useReviewedWrite(refresh);
  const opener = useRef<HTMLElement | null>(null);
  const { ask: show } = w;
  const ask = useCallback(
    (r: Review) => {
      opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      show(r);
    },
    [show],
  );
  return { ...w, ask, opener };
}

export type ConsoleWrite = ReturnType<typeof useConsoleWrite>;

/**
 * The review of `w`, when one is asked for. The form it belongs to stays mounted (hide its fields
 * with `hidden={!!w.review}`), so "Voltar" returns to it filled in, with nothing sent.
 */
export function ConsoleReview({ name, w }: { name: string; w: ConsoleWrite }) {
  if (!w.review) return null;
  const refocus = () =>
    requestAnimationFrame(() => {
      const el = w.opener.current;
      if (el?.isConnected) el.focus();
    });
  return (
    <ReviewStep
      name={name}
      review={w.review}
      busy={w.busy}
      error={w.error}
      onConfirm={() => void w.confirm().then(refocus)}
      onBack={() => {
        w.back();
        refocus();
      }}
    />
  );
}
