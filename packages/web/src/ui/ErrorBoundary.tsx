// Data the console cannot read (a time no rule reads, a shape it did not expect) stops one part of a page
// with a sentence, instead of unmounting the whole console into a blank page.
import { Component, type ReactNode } from "react";

/** `fallback` words what could not be shown, given the error's message (and the error, to tell kinds apart). */
interface ErrorBoundaryProps {
  fallback: (message: string, error: unknown) => ReactNode;
  children: ReactNode;
}

/**
 * Shows `fallback` in place of `children` once rendering them throws; give it a `key` that changes with what
 * it shows (the route, the alert) so a new page starts again.
 * @example <ErrorBoundary fallback={(why) => <p role="alert">The chart cannot be drawn: {why}.</p>}>…</ErrorBoundary>
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { failed?: { error: unknown } }> {
  override state: { failed?: { error: unknown } } = {};

  static getDerivedStateFromError(error: unknown) {
    return { failed: { error } };
  }

  override render() {
    const { failed } = this.state;
    if (failed === undefined) return this.props.children;
    const { error } = failed;
    return this.props.fallback(error instanceof Error ? error.message : String(error), error);
  }
}
