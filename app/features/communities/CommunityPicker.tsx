import type { Address } from 'viem';
import { ErrorBox, Loading } from '../../components/Status.tsx';
import { deploymentOf } from '../../lib/chains.ts';
import { describeError } from '../../lib/errors.ts';
import { groupInt } from '../../lib/format.ts';
import { useI18n } from '../../lib/i18n.ts';
import { Link } from 'wouter';
import { CommunityLink } from './CommunityLink.tsx';
import { PasteAddress } from './PasteAddress.tsx';
import { useCommunities } from './useCommunities.ts';

export function CommunityPicker({ chainId, account }: { chainId: number; account: Address }) {
  const { t, lang } = useI18n();
  const hasRegistry = deploymentOf(chainId) !== undefined;
  const { data, error, isPending, refetch } = useCommunities(chainId, account);

  return (
    <div className="stack">
      <section className="card" aria-labelledby="communities-heading">
        <h1 id="communities-heading">{t.communities.heading}</h1>
        {!hasRegistry ? (
          <p>{t.communities.noRegistry}</p>
        ) : error ? (
          <ErrorBox title={t.communities.error} message={describeError(error, lang)} onRetry={() => void refetch()} />
        ) : isPending ? (
          <Loading text={t.communities.loading} />
        ) : data.list.length === 0 ? (
          <p data-testid="no-communities">{t.communities.none}</p>
        ) : (
          <>
            <ul className="community-list">
              {data.list.map((c) => (
                <li key={c}>
                  <CommunityLink chainId={chainId} address={c} />
                </li>
              ))}
            </ul>
            {data.more > 0n && (
              <p className="muted" data-testid="more-communities">
                {t.communities.more(groupInt(data.more, lang), data.more === 1n)}
              </p>
            )}
          </>
        )}
      </section>
      <PasteAddress chainId={chainId} />
      {hasRegistry && (
        <section className="card" aria-labelledby="create-community-heading">
          <h2 id="create-community-heading">{t.communities.createHeading}</h2>
          <p>{t.communities.createIntro}</p>
          <Link href="/new" data-testid="create-community">
            {t.communities.create}
          </Link>
        </section>
      )}
    </div>
  );
}
