import { useId, useState, type ReactNode } from 'react';
import type { TermId } from '../lib/glossary.ts';
import { useI18n } from '../lib/i18n.ts';

type Glossary = (typeof import('../lib/glossary.ts'))['glossary'];
let loaded: Glossary | undefined;
/** The explanations load on the first tap (they are not in the first-load bundle). */
const loadGlossary = () => import('../lib/glossary.ts').then((m) => (loaded = m.glossary));

/**
 * A word of the bill with its plain explanation one tap (or Enter/Space) away: a button that
 * toggles a short note right after it, aria-expanded and aria-controls for screen readers, Escape
 * closes it. The note is rendered only while open, so the figures' text stays the same.
 */
export function Term({ id, children }: { id: TermId; children: ReactNode }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const [glossary, setGlossary] = useState(loaded);
  const noteId = useId();
  const toggle = () => {
    if (!glossary) void loadGlossary().then(setGlossary);
    setOpen((o) => !o);
  };
  return (
    <span className="term" data-term={id}>
      <button
        type="button"
        className="term-button"
        aria-expanded={open}
        aria-controls={open ? noteId : undefined}
        onClick={toggle}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {children}
      </button>
      {open && (
        <span className="term-note" id={noteId} data-testid="term-note" aria-live="polite">
          {glossary?.[lang].terms[id].text ?? '…'}
        </span>
      )}
    </span>
  );
}
