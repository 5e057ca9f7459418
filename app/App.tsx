import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, type ReactNode } from 'react';
import { Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { WagmiProvider } from 'wagmi';
import { Header } from './components/Header.tsx';
import { HomePage } from './features/communities/HomePage.tsx';
import { DashboardPage } from './features/dashboard/DashboardPage.tsx';
import { ManageNavLink } from './features/manage/ManageNavLink.tsx';
import { RouteFocus } from './components/RouteFocus.tsx';
import { Loading } from './components/Status.tsx';
import { RPC_BANNER_ID, RpcBanner, useRpcHealth } from './components/RpcBanner.tsx';
import { I18nProvider } from './lib/i18n.ts';
import { rpcHealth } from './lib/rpc/health.ts';
import { config } from './lib/wagmi.ts';

/** The manager's console is loaded on demand: it is not part of the first-load bundle. */
const ManagePage = lazy(() => import('./features/manage/ManagePage.tsx'));
/** History, charts and monthly statements: also on demand. */
const HistoryPage = lazy(() => import('./features/history/HistoryPage.tsx'));
const ChartsPage = lazy(() => import('./features/charts/ChartsPage.tsx'));
const StatementPage = lazy(() => import('./features/statement/StatementPage.tsx'));
/** Market and donations: on demand too. */
const MarketPage = lazy(() => import('./features/market/MarketPage.tsx'));
const DonatePage = lazy(() => import('./features/donate/DonatePage.tsx'));
const ClaimPage = lazy(() => import('./features/claim/ClaimPage.tsx'));
/** Creating a community: once per community, so on demand. */
const CreateCommunityPage = lazy(() => import('./features/create/CreateCommunityPage.tsx'));

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // The dashboard budget is ≤ 2 JSON-RPC calls: no retries, no refetch on focus/reconnect.
      retry: false,
      staleTime: 5 * 60_000,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

// When the node answers again after an outage, every query on screen refreshes by itself.
rpcHealth.onRecover(() => void queryClient.invalidateQueries());

/** While the node is down the figures stay, dimmed and described by the banner as not current. */
function Main({ children }: { children: ReactNode }) {
  const { down } = useRpcHealth();
  return (
    <main
      id="main"
      tabIndex={-1}
      className={down ? 'stale' : undefined}
      data-stale={down ? 'true' : undefined}
      aria-describedby={down ? RPC_BANNER_ID : undefined}
    >
      {children}
    </main>
  );
}

export function App() {
  return (
    <WagmiProvider config={config}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider>
          <Router hook={useHashLocation}>
            <Header />
            <RpcBanner />
            <RouteFocus />
            <Main>
              <ManageNavLink />
              <Switch>
                <Route path="/" component={HomePage} />
                <Route path="/new">
                  <Suspense fallback={<Loading />}>
                    <CreateCommunityPage />
                  </Suspense>
                </Route>
                <Route path="/c/:chainId/:address/manage">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <ManagePage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/market">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <MarketPage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/donate">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <DonatePage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/history">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <HistoryPage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/charts">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <ChartsPage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/claim/:memberId/:key">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <ClaimPage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address/statement/:cycle">
                  {(params) => (
                    <Suspense fallback={<Loading />}>
                      <StatementPage params={params} />
                    </Suspense>
                  )}
                </Route>
                <Route path="/c/:chainId/:address" component={DashboardPage} />
                <Route>
                  <HomePage />
                </Route>
              </Switch>
            </Main>
          </Router>
        </I18nProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
