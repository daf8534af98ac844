// The console: sign-in first, then the page the address asks for.

import type { ApiKeyRole } from "@stock-patterns/core/vocabulary";
import { useEffect, useRef } from "react";
import { AlertHistory } from "../alerts/AlertHistory";
import { AlertPage } from "../alerts/AlertPage";
import { ApprovalPage } from "../approvals/ApprovalPage";
import { linkToken } from "../approvals/approveLink";
import { PendingApprovals } from "../approvals/PendingApprovals";
import { SessionProvider, useSession, useSignedIn } from "../session/SessionContext";
import { SignIn } from "../session/SignIn";
import { StatsPage } from "../stats/StatsPage";
import { ErrorBoundary } from "../ui/ErrorBoundary";
import { Header } from "./Header";
import { PageFailed } from "./PageFailed";
import {
  landingRoute,
  mountKey,
  type PageRoute,
  pageName,
  pageTitle,
  type Route,
  routeHash,
  shownRoute,
} from "./routes";
import { useApproveLink } from "./useApproveLink";
import { useRoute } from "./useRoute";

function Page({ route }: { route: PageRoute }) {
  switch (route.page) {
    case "approvals":
      return <PendingApprovals />;
    case "approval":
      return <ApprovalPage tokenHash={route.tokenHash} alertId={route.alertId} />;
    case "alerts":
      return <AlertHistory filters={route.filters} cursors={route.cursors} />;
    case "alert":
      return <AlertPage alertId={route.alertId} />;
    case "stats":
      return <StatsPage query={route.query} />;
    case "notFound":
      return <NoSuchPage hash={route.hash} />;
  }
}

/** An address that names no page, with the way to one the key can use (approvals are listed to approvers only). */
function NoSuchPage({ hash }: { hash: string }) {
  const { role } = useSignedIn();
  return (
    <>
      <h1>{pageName("notFound")}</h1>
      <p role="status">
        There is no page at {hash}. Go to the{" "}
        <a href={routeHash(landingRoute(role))}>
          {role === "approver" ? "pending approvals" : "alert history"}
        </a>
        .
      </p>
    </>
  );
}

/**
 * Names the page in the title, and on a move to another page (a link, the back button, signing in) puts focus
 * at the top of the new content: the element that had it is usually gone, which left focus on the body and
 * the move unannounced. The first page of a load keeps the browser's own start.
 */
function useAnnouncedPage(route: Route, signedIn: boolean): void {
  const shown = useRef<string | undefined>(undefined);
  const asked = useRef<string | undefined>(undefined);
  const where = `${signedIn} ${route.page}`;
  const address = routeHash(route);
  useEffect(() => {
    document.title = pageTitle(signedIn ? route.page : "signIn");
  }, [route.page, signedIn]);
  useEffect(() => {
    if (shown.current !== undefined && signedIn) document.getElementById("main")?.focus();
    shown.current = where;
  }, [where, signedIn]);
  // A new question on the same page (the history's filters, the Statistics form) remounts the form that
  // shows it, its pressed button with it: focus would be left on the body.
  useEffect(() => {
    const moved = asked.current !== undefined && asked.current !== address;
    if (moved && signedIn && document.activeElement === document.body)
      document.getElementById("main")?.focus();
    asked.current = address;
  }, [address, signedIn]);
}

/**
 * At the console's root, puts the landing page's address in its place, replacing the history entry (Back
 * would only come back to a root that lands there again), so the address names the page shown and the
 * navigation's link to it is one to the same address. Not while an approve link's token is still in the
 * address: useApproveLink turns it into its approval's.
 */
function useLandingAddress(route: Route, role: ApiKeyRole | undefined): void {
  useEffect(() => {
    if (route.page !== "home" || role === undefined || linkToken(window.location.search)) return;
    window.location.replace(routeHash(landingRoute(role)));
  }, [route.page, role]);
}

function Console() {
  const { session } = useSession();
  const address = useRoute();
  const linkProblem = useApproveLink();
  useLandingAddress(address, session?.role);
  const route = session ? shownRoute(address, session.role) : address;
  useAnnouncedPage(route, session !== null);
  const linkNotOpened = linkProblem && (
    <p role="alert" className="error" data-testid="link-not-opened">
      {linkProblem}
    </p>
  );
  if (!session) {
    return (
      <>
        {linkNotOpened}
        <SignIn />
      </>
    );
  }
  const page = shownRoute(address, session.role);
  return (
    <>
      <Header route={page} />
      <main id="main" tabIndex={-1}>
        {linkNotOpened}
        <ErrorBoundary
          key={mountKey(page)}
          fallback={(why) => <PageFailed page={page.page} why={why} keyRole={session.role} />}
        >
          <Page route={page} />
        </ErrorBoundary>
      </main>
    </>
  );
}

/** The whole console, with its session. */
export function App() {
  return (
    <SessionProvider>
      <Console />
    </SessionProvider>
  );
}
