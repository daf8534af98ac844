// What a page that failed to render shows in its place: the failure, and the way to a page the key can use.

import type { ApiKeyRole } from "@stock-patterns/core/vocabulary";
import { type PageRoute, pageName, routeHash } from "./routes";

/** `page` could not be shown (`why`); links to the alert history, and to the pending approvals for an approver. */
export function PageFailed({
  page,
  why,
  keyRole,
}: {
  page: PageRoute["page"];
  why: string;
  keyRole: ApiKeyRole;
}) {
  return (
    <>
      <h1>{pageName(page)}</h1>
      <p role="alert" className="error" data-testid="page-failed">
        This page could not be shown: {why}. Go to the{" "}
        {keyRole === "approver" && (
          <>
            <a href={routeHash({ page: "approvals" })}>pending approvals</a> or the{" "}
          </>
        )}
        <a href={routeHash({ page: "alerts", filters: {} })}>alert history</a>.
      </p>
    </>
  );
}
