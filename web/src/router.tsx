/** The router, built from the route table (routes.ts): each screen behind the one guard. */
import { lazy, Suspense, useEffect } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation, type RouteObject } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from './api/session.ts';
import { CrashPage } from './components/CrashPage.tsx';
import { PublicLayout } from './components/PublicLayout.tsx';
import { ErrorResult, FullPageSpin, PageSkeleton } from './components/QueryState.tsx';
import { decide } from './lib/gate.ts';
import { ROUTES, titleOf, type AppRoute, type Area } from './routes.ts';

/** The signed-in layout (menu, header, dropdown) is its own chunk: the sign-in screens do not need it. */
const LazyAppShell = lazy(() => import('./components/AppShell.tsx').then((module) => ({ default: module.AppShell })));
function AppShell() {
  return (
    <Suspense fallback={<FullPageSpin />}>
      <LazyAppShell />
    </Suspense>
  );
}

const Forbidden = ROUTES.find((route) => route.id === 'forbidden')?.component;

/** Decides whether this screen may show for this session (lib/gate.ts), then shows it. */
function RouteGate({ route }: { route: AppRoute }) {
  const session = useSession();
  const location = useLocation();
  const { t, i18n } = useTranslation();

  const titleId = titleOf(route, session.data?.user);
  useEffect(() => {
    document.title = `${t(`nav.${titleId}`)} · ${t('app.name')}`;
  }, [titleId, t, i18n.language]);

  if (session.isPending) return <FullPageSpin />;
  if (session.isError) return <ErrorResult error={session.error} onRetry={() => void session.refetch()} />;
  const gate = decide(route, session.data, location);
  if (gate.kind === 'redirect') return <Navigate to={gate.to} replace />;
  const Page = gate.kind === 'forbidden' && Forbidden ? Forbidden : route.component;
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Page />
    </Suspense>
  );
}

/** Error pages: inside the app when signed in, on their own otherwise. */
function AdaptiveLayout() {
  const { data } = useSession();
  return data?.authenticated && data.user && data.stage === 'full' ? <AppShell /> : <PublicLayout />;
}

const childrenOf = (...areas: Area[]): RouteObject[] =>
  ROUTES.filter((route) => areas.includes(route.area)).map((route) => ({ path: route.path, element: <RouteGate route={route} /> }));

export const router = createBrowserRouter([
  {
    element: <Outlet />,
    errorElement: <CrashPage />,
    children: [
      { element: <PublicLayout />, children: childrenOf('public', 'stage') },
      { element: <AppShell />, children: childrenOf('app') },
      { element: <AdaptiveLayout />, children: childrenOf('open') },
    ],
  },
]);
