// Data the console cannot read (a time no rule reads, a shape it did not expect) stops one part of a page
// with a sentence, instead of unmounting the whole console into a blank page.
import { Component, type ReactNode } from "react";

/** `fallback` words what could not be shown, given the error's message. */
interface ErrorBoundaryProps {
  fallback: (message: string) => ReactNode;
  children: ReactNode;
}

/**
 * Shows `fallback` in place of `children` once rendering them throws; give it a `key` that changes with what
 * it shows (the route, the alert) so a new page starts again.
 * @example <ErrorBoundary fallback={(why) => <p role="alert">The chart cannot be drawn: {why}.</p>}>…</ErrorBoundary>
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { message: string | undefined }> {
  override state = { message: undefined as string | undefined };

  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override render() {
    return this.state.message === undefined ? this.props.children : this.props.fallback(this.state.message);
  }
}
