// A failed load explained in one sentence, with the API's own detail and a way to try again.
import { useLayoutEffect, useRef } from "react";
import { canRetry, describeError } from "./errorWords";

/** Shows an error as an alert, with a retry button when one is given and asking again could help. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const retry = useRef<HTMLButtonElement>(null);
  // A retry that works takes the notice away with its focused button, which left focus on the page's body
  // (a screen reader starts again from the top of the document): it goes to the top of the content instead,
  // as on a move to another page. A layout effect's cleanup runs while the button is still in the page.
  useLayoutEffect(() => {
    const button = retry.current;
    return () => {
      if (button !== null && document.activeElement === button) document.getElementById("main")?.focus();
    };
  }, []);
  return (
    <div role="alert" className="error">
      <p>{describeError(error)}</p>
      {onRetry && canRetry(error) && (
        <button type="button" ref={retry} onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
