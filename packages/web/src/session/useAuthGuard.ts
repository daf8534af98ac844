// Ends the session when the API answers 401 to any page's request (key revoked or rotated).
import { useEffect } from "react";
import { useSession } from "./SessionContext";

/** Watches a page's last error and signs out on a 401. */
export function useAuthGuard(error: unknown): void {
  const { handleAuthError } = useSession();
  useEffect(() => {
    if (error) handleAuthError(error);
  }, [error, handleAuthError]);
}
