// A failed load explained in one sentence, with the API's own detail and a way to try again.
import { ApiError } from "../api/problem";

/** Words for an error from the API (or anything else thrown while loading). */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return `The API could not be reached (${error.detail ?? "network error"}).`;
    if (error.status === 403) return "Your key may not see this.";
    if (error.status === 404) return "Not found.";
    return `The API answered ${error.status}: ${error.message}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Shows an error as an alert, with an optional retry button. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  return (
    <div role="alert" className="error">
      <p>{describeError(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
