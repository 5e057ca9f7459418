import { useId, useState, type ReactNode } from 'react';
import { glossary, termAnchor, type TermId } from '../lib/glossary.ts';
import { useI18n } from '../lib/i18n.ts';

/**
 * A word of the bill with its plain explanation one tap (or Enter/Space) away: a button that
 * toggles a short note right after it, aria-expanded and aria-controls for screen readers, Escape
 * closes it. The note is rendered only while open, so the figures' text stays the same.
 */
export function Term({ id, children }: { id: TermId; children?: ReactNode }) {
  const { lang } = useI18n();
  const [open, setOpen] = useState(false);
  const noteId = useId();
  const g = glossary[lang].terms[id];
  return (
    <span className="term" data-term={id}>
      <button
        type="button"
        className="term-button"
        aria-expanded={open}
        aria-controls={open ? noteId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            e.stopPropagation();
            setOpen(false);
          }
        }}
      >
        {children ?? g.term}
      </button>
      {open && (
        <span className="term-note" id={noteId} data-testid="term-note">
          {g.text}
        </span>
      )}
    </span>
  );
}

/** Moves to a term's entry in this page's glossary (hash routing: a plain #anchor would change the route). */
export function TermLink({ id }: { id: TermId }) {
  const { lang } = useI18n();
  const g = glossary[lang];
  return (
    <a
      href={`#${termAnchor(id)}`}
      className="term-link no-print"
      data-testid="term-link"
      onClick={(e) => {
        e.preventDefault();
        const el = document.getElementById(termAnchor(id));
        el?.scrollIntoView({ block: 'center' });
        el?.focus();
      }}
    >
      {g.more(g.terms[id].term)}
    </a>
  );
}

/** The explanations of `ids`, each with the id a TermLink goes to. */
export function Glossary({ ids }: { ids: readonly TermId[] }) {
  const { lang } = useI18n();
  const g = glossary[lang];
  return (
    <section className="glossary" aria-labelledby="glossary-h" data-testid="glossary">
      <h2 id="glossary-h">{g.heading}</h2>
      <dl>
        {ids.map((id) => (
          <div key={id}>
            <dt id={termAnchor(id)} tabIndex={-1}>
              {g.terms[id].term}
            </dt>
            <dd>{g.terms[id].text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
