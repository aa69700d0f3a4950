import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo } from '../../contracts/access.ts';
import { ApiError, apiRequest, setCsrfToken, setUnauthorizedHandler } from './api/client.ts';
import type { Viewer } from './page-access.ts';

export type { SessionInfo };

interface SessionContextValue {
  /** undefined while the first /auth/me probe runs, null when signed out. */
  session: SessionInfo | null | undefined;
  /** True after the user logged out on purpose (not when the session expired): /login then forgets the page. */
  hasLoggedOut: boolean;
  logIn: (input: { email: string; password: string; org?: string }) => Promise<SessionInfo>;
  logOut: () => Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Holds who is signed in, keeps the CSRF token for the API client, and drops the session on any 401. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null | undefined>(undefined);
  const [hasLoggedOut, setHasLoggedOut] = useState(false);

  const adopt = useCallback((next: SessionInfo | null) => {
    setCsrfToken(next?.csrfToken ?? null);
    setSession(next);
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => adopt(null));
    const controller = new AbortController();
    apiRequest<SessionInfo>('GET', '/auth/me', { signal: controller.signal, skipUnauthorizedHandler: true }).then(
      (info) => adopt(info),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        if (!(error instanceof ApiError && error.status === 401)) console.error('Session probe failed', error);
        adopt(null);
      },
    );
    return () => {
      controller.abort();
      setUnauthorizedHandler(null);
    };
  }, [adopt]);

  const logIn = useCallback<SessionContextValue['logIn']>(
    async ({ email, password, org }) => {
      const body = { email, password, ...(org ? { org } : {}) };
      const info = await apiRequest<SessionInfo>('POST', '/auth/login', { body, skipUnauthorizedHandler: true });
      setHasLoggedOut(false);
      adopt(info);
      return info;
    },
    [adopt],
  );

  const logOut = useCallback(async () => {
    let providerLogoutUrl: string | null = null;
    try {
      // Ends the session, and says where to end the identity provider's too when it came from single sign-on.
      providerLogoutUrl = (await apiRequest<{ redirectUrl: string | null }>('POST', '/sso/logout', { skipUnauthorizedHandler: true })).redirectUrl;
    } catch (error) {
      if (!(error instanceof ApiError && error.status === 401)) throw error;
    } finally {
      setHasLoggedOut(true);
      adopt(null);
    }
    if (providerLogoutUrl) window.location.assign(providerLogoutUrl);
  }, [adopt]);

  const value = useMemo(() => ({ session, hasLoggedOut, logIn, logOut }), [session, hasLoggedOut, logIn, logOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session context; throws outside SessionProvider. */
export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside SessionProvider');
  return value;
}

/** The signed-in session; for pages behind RequireAuth, where it always exists. */
export function useSignedIn(): SessionInfo {
  const { session } = useSession();
  if (!session) throw new Error('useSignedIn used while signed out');
  return session;
}

/**
 * The signed-in person as the page access table sees them (role and governance memberships): pass it to `mayOpen`.
 * Memberships are read at sign-in and on reload, so someone just seated on the committee sees its pages after a reload.
 */
export function useViewer(): Viewer {
  const { user, memberships } = useSignedIn();
  return useMemo(() => ({ role: user.role, memberships }), [user.role, memberships]);
}

/** Whether the signed-in user may change the organisation (units, positions, employees). */
export function useIsAdmin(): boolean {
  return useSignedIn().user.role === 'admin';
}
