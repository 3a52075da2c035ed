/**
 * The route guard's decision, as a pure function of the route, the session and the address:
 * a session part-way through signing in is sent to its step and nowhere else; anonymous visitors of
 * the app are sent to sign in (keeping the page they asked for); a screen the role may not open is
 * refused with the 403 page.
 */
import type { SessionInfo } from '../../../contracts/auth.ts';
import { mayOpen, type AppRoute, type Gate } from '../routes.ts';
import { safeNext, STAGE_PATHS, withNext } from './navigation.ts';

export function decide(route: AppRoute, session: SessionInfo, location: { pathname: string; search: string }): Gate {
  const here = `${location.pathname}${location.search}`;
  const nextParam = safeNext(new URLSearchParams(location.search).get('next'));
  // Fully signed in only; a session part-way through (authenticated false, stage pending) has a user too.
  const user = session.authenticated ? session.user : null;
  // Which page to come back to once signed in: this one if it is part of the app, else the one it carries.
  const next = route.area === 'app' || route.area === 'open' ? here : nextParam;

  if (session.user && session.stage && session.stage !== 'full') {
    const target = STAGE_PATHS[session.stage];
    return route.path === target ? { kind: 'render' } : { kind: 'redirect', to: withNext(target, next) };
  }
  switch (route.area) {
    case 'public':
      return user && route.leaveWhenSignedIn ? { kind: 'redirect', to: nextParam ?? '/' } : { kind: 'render' };
    case 'stage':
      // the step is done (or was never started)
      return { kind: 'redirect', to: user ? (nextParam ?? '/') : withNext('/login', nextParam) };
    case 'app':
      if (!user) return { kind: 'redirect', to: withNext('/login', here) };
      return mayOpen(route, user) ? { kind: 'render' } : { kind: 'forbidden' };
    case 'open':
      return { kind: 'render' };
  }
}
