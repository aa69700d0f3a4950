import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { FullPageSpin } from '../shared/ui/FullPageSpin.tsx';
import { useSession } from '../shared/session.tsx';

/** Shows its children only to a signed-in user; others go to /login and, unless they logged out, come back afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, hasLoggedOut } = useSession();
  const location = useLocation();
  if (session === undefined) return <FullPageSpin />;
  if (session === null && hasLoggedOut) return <Navigate to="/login" replace />;
  if (session === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}
