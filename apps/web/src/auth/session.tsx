import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { Provider } from 'urql';
import { createGraphQLClient } from '../graphql/client';

const KEY = 'commons.token';

function storedToken(): string | undefined {
  try {
    return sessionStorage.getItem(KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export interface Session {
  token: string | undefined;
  signIn(token: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

/**
 * The member's token, in memory and in this tab's sessionStorage (so a reload keeps them signed in and
 * closing the tab forgets it). Signing out forgets it everywhere and drops everything read with it.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [token, setToken] = useState(storedToken);
  const client = useMemo(() => createGraphQLClient(token), [token]);
  const signIn = useCallback((next: string) => {
    sessionStorage.setItem(KEY, next);
    setToken(next);
  }, []);
  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY);
    setToken(undefined);
  }, []);
  const session = useMemo(() => ({ token, signIn, signOut }), [token, signIn, signOut]);
  return (
    <SessionContext.Provider value={session}>
      <Provider value={client}>{children}</Provider>
    </SessionContext.Provider>
  );
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
