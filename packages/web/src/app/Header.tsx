// The console's top bar: where you are, who you are, and the way out.
import { useSession, useSignedIn } from "../session/SessionContext";
import { CONSOLE_NAME, DEFAULT_STATS_INTERVAL, type PageRoute, type Route, routeHash } from "./routes";

function NavLink({ to, current, children }: { to: Route; current: boolean; children: string }) {
  return (
    <a href={routeHash(to)} aria-current={current ? "page" : undefined}>
      {children}
    </a>
  );
}

// Hash routing owns the fragment, so "skip to content" moves focus itself instead of linking to #main.
function skipToContent() {
  document.getElementById("main")?.focus();
}

/**
 * Navigation between the lists and the statistics, the role badge and sign-out. "Pending approvals" is for
 * approvers only: the API lists approvals to approver keys alone, so for the others it led to a page that
 * could only refuse them; its address, opened all the same, says why and leads to the history.
 */
export function Header({ route }: { route: PageRoute }) {
  const { role } = useSignedIn();
  const { signOut } = useSession();
  const onApprovals = route.page === "approvals" || route.page === "approval";
  const onAlerts = route.page === "alerts" || route.page === "alert";
  return (
    <header className="top">
      <button type="button" className="skip" onClick={skipToContent}>
        Skip to content
      </button>
      <span className="brand">{CONSOLE_NAME}</span>
      <nav aria-label="Console">
        {role === "approver" && (
          <NavLink to={{ page: "approvals" }} current={onApprovals}>
            Pending approvals
          </NavLink>
        )}
        <NavLink to={{ page: "alerts", filters: {} }} current={onAlerts}>
          Alert history
        </NavLink>
        <NavLink
          to={{ page: "stats", query: { interval: DEFAULT_STATS_INTERVAL } }}
          current={route.page === "stats"}
        >
          Statistics
        </NavLink>
      </nav>
      <span className="who">
        <span className={`badge role-${role}`} data-testid="role">
          {role}
        </span>
        <button type="button" onClick={() => signOut()}>
          Sign out
        </button>
      </span>
    </header>
  );
}
