import type { Address } from 'viem';
import { Link } from 'wouter';
import type { DashboardData } from '../../lib/dashboard.ts';
import { useForSale } from '../../lib/for-sale.ts';
import { formatCycle, formatKwh } from '../../lib/format.ts';
import { useDashboardExtrasT } from '../../lib/dashboard-extras-dict.ts';

/** "40 kWh à venda": credits in the member's open sell orders (the market's escrow, not the balance). */
export function ForSale({ chainId, community, account, d }: { chainId: number; community: Address; account: Address; d: DashboardData }) {
  const { x, lang } = useDashboardExtrasT();
  const { data } = useForSale(chainId, community, account, d);
  if (!data || data.wh === 0n) return null;
  return (
    <div className="subcard" data-testid="for-sale">
      <p className="strong-line" data-testid="for-sale-kwh">
        {x.forSale(formatKwh(data.wh, lang))}
      </p>
      {data.soonestExpiryCycle !== 0 && <p data-testid="for-sale-expiry">{x.forSaleExpiry(formatCycle(data.soonestExpiryCycle))}</p>}
      <Link href={`/c/${chainId}/${community}/market`} data-testid="for-sale-link">
        {x.forSaleLink} →
      </Link>
    </div>
  );
}
