import { glossary, termAnchor, type TermId } from '../lib/glossary.ts';
import { useI18n } from '../lib/i18n.ts';

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
