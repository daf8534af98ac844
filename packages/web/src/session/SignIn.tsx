// The sign-in page: one labelled field for the API key, with a plain answer when the key is refused.
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import { ApiError } from "../api/problem";
import { CONSOLE_NAME } from "../app/routes";
import { askedToWait, describeError } from "../ui/errorWords";
import { useSession } from "./SessionContext";

/**
 * Explains a failed sign-in in words, without echoing the key. Every known key may ask GET /keys/me, so any
 * other refusal (a 403 from the API's firewall, a 429) is the API's own words.
 */
export function signInError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "This key is not recognised. Check it and try again.";
    if (error.status === 0) return describeError(error);
    const wait = askedToWait(error);
    return `The API answered ${error.status}: ${error.message}${wait ? `.${wait}` : ""}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Props for the presentational form (the page wires it to the session). */
export interface SignInFormProps {
  busy: boolean;
  error?: string;
  notice?: string;
  onSubmit: (apiKey: string) => void;
}

/** The sign-in form itself. */
export function SignInForm({ busy, error, notice, onSubmit }: SignInFormProps) {
  const [apiKey, setApiKey] = useState("");
  const fieldId = useId();
  const hintId = useId();
  const field = useRef<HTMLInputElement>(null);
  // A refused key sent from the button, disabled while it was checked, left focus on the page's body: the
  // field is where the fix is typed, so it takes focus with the refused key selected.
  useEffect(() => {
    if (error === undefined) return;
    field.current?.focus();
    field.current?.select();
  }, [error]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (apiKey.trim() !== "") onSubmit(apiKey.trim());
  };
  return (
    <main className="sign-in">
      <h1>{CONSOLE_NAME}</h1>
      <form onSubmit={submit} aria-busy={busy}>
        {notice && <p className="notice">{notice}</p>}
        <label htmlFor={fieldId}>API key</label>
        <input
          ref={field}
          id={fieldId}
          name="apiKey"
          type="password"
          // biome-ignore lint/a11y/noAutofocus: the sign-in page has one field; starting in it saves a Tab.
          autoFocus
          autoComplete="off"
          spellCheck={false}
          required
          aria-describedby={hintId}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <p id={hintId} className="hint">
          Kept in this browser tab only; closing the tab signs you out.
        </p>
        <button type="submit" disabled={busy}>
          {busy ? "Checking…" : "Sign in"}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </main>
  );
}

/** The sign-in page: checks the key with the API and starts the session. */
export function SignIn() {
  const { signIn, notice } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const submit = (apiKey: string) => {
    setBusy(true);
    setError(undefined);
    signIn(apiKey).catch((reason: unknown) => {
      setError(signInError(reason));
      setBusy(false);
    });
  };
  return <SignInForm busy={busy} error={error} notice={notice} onSubmit={submit} />;
}
