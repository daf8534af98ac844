// Shares the signed-in key and role with every page, and signs out when the API refuses the key.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import { ApiError } from "../api/problem";
import { forgetTokens } from "../approvals/approveLink";
import { discoverRole } from "./discoverRole";
import { clearSession, loadSession, type Session, saveSession } from "./keyStore";

/** What pages get from the session: who is signed in, and how to sign in or out. */
export interface SessionApi {
  session: Session | null;
  /** Why the last session ended, shown on the sign-in page. */
  notice: string | undefined;
  signIn: (apiKey: string) => Promise<void>;
  signOut: (notice?: string) => void;
  /** Pages pass API errors here first: a 401 ends the session. Returns true when handled. */
  handleAuthError: (error: unknown) => boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

/** Provides the session to the console; the key lives in sessionStorage only. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => loadSession(window.sessionStorage));
  const [notice, setNotice] = useState<string | undefined>();

  const signIn = useCallback(async (apiKey: string) => {
    const role = await discoverRole(apiKey);
    const next = { apiKey, role };
    saveSession(window.sessionStorage, next);
    setNotice(undefined);
    setSession(next);
  }, []);

  const signOut = useCallback((why?: string) => {
    clearSession(window.sessionStorage);
    forgetTokens();
    setNotice(why);
    setSession(null);
  }, []);

  const handleAuthError = useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.status === 401) {
        signOut("The API no longer accepts this key. Sign in again.");
        return true;
      }
      return false;
    },
    [signOut],
  );

  // A tab's stored session holds the role its key had at sign-in; the key may have been given another
  // since. Once, when the tab restores it, the API is asked again (GET /keys/me) and the role of now kept;
  // a key it no longer knows ends the session, and any other failure leaves the stored role to the pages.
  // The answer counts only while the tab still holds that key (not signed out, or in with another, since).
  const [restored] = useState(session);
  useEffect(() => {
    if (!restored) return;
    const stillHeld = () => loadSession(window.sessionStorage)?.apiKey === restored.apiKey;
    discoverRole(restored.apiKey).then(
      (role) => {
        if (role === restored.role || !stillHeld()) return;
        const now = { ...restored, role };
        saveSession(window.sessionStorage, now);
        setSession(now);
      },
      (error: unknown) => stillHeld() && handleAuthError(error),
    );
  }, [restored, handleAuthError]);

  const value = useMemo(
    () => ({ session, notice, signIn, signOut, handleAuthError }),
    [session, notice, signIn, signOut, handleAuthError],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session API; only inside SessionProvider. */
export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession must be used inside SessionProvider");
  return value;
}

/** The signed-in session; only on pages shown after sign-in. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn needs a signed-in session");
  return session;
}
