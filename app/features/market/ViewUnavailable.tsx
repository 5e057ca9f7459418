import { ActionButton } from '../../components/ActionButton.tsx';
import { describeError } from '../../lib/errors.ts';
import { useI18n } from '../../lib/i18n.ts';
import { useTradeT } from '../../lib/trade-dict.ts';

export type MarketView = 'book' | 'orders' | 'proceeds';

/** In place of a view that could not be read: what is missing, in plain words, the node's reason, and a retry of that read. */
export function ViewUnavailable({ view, error, retry, retrying }: { view: MarketView; error: Error; retry: () => void; retrying: boolean }) {
  const { d, lang } = useTradeT();
  const { t } = useI18n();
  return (
    <div className="notice" role="alert" data-testid={`unavailable-${view}`}>
      <p>{d.market.unavailable[view]}</p>
      <p className="muted small">{describeError(error, lang)}</p>
      <ActionButton type="button" className="secondary small" data-testid={`retry-${view}`} unavailable={retrying} onClick={retry}>
        {retrying ? d.market.retrying : t.retry}
      </ActionButton>
    </div>
  );
}
