import { Component, lazy, useCallback, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A part of the window whose code loads after the first frame (the chat, the
 * charts). If its code cannot load, or the part fails as it draws, React
 * would otherwise unmount the whole window, the queue and the halt with it.
 * The boundary keeps the failure to that part's frame and says so there, and
 * "Try again" draws a part that failed as it drew anew. Code that could not
 * load is another matter: the browser keeps a failed module import for the
 * life of the page (Chromium does, as Electron's does), so importing it again
 * fails again without asking the disk. Only a new page forgets it: "Try
 * again" then reloads the window, which loses nothing that matters (the
 * queue, the drafts, the chat and the session live in main).
 */
export class PartCodeUnavailable extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = 'PartCodeUnavailable';
  }
}

export function useRetryableLazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): {
  Part: ComponentType<P>;
  retry: () => void;
} {
  const make = useCallback(
    () =>
      lazy(() =>
        load().catch((error: unknown) => {
          throw new PartCodeUnavailable(error);
        }),
      ),
    [load],
  );
  const [Part, setPart] = useState(make);
  // React keeps a failed lazy component for good, so a retry of a drawing failure needs a new one.
  const retry = useCallback(() => setPart(make), [make]);
  return { Part, retry };
}

interface LazyPartProps {
  /** What the person would call the part, e.g. "The research chat". */
  what: string;
  onRetry: () => void;
  /** The part's own frame around the failure (e.g. the chat pane's header), so the layout stays. */
  frame?: (failure: ReactNode) => ReactNode;
  children: ReactNode;
  /** How the window starts anew when the part's code could not load (default: reloading the page). */
  reloadWindow?: () => void;
}

export class LazyPartBoundary extends Component<LazyPartProps, { failed: boolean; codeUnavailable: boolean }> {
  override state = { failed: false, codeUnavailable: false };

  static getDerivedStateFromError(error: unknown): { failed: boolean; codeUnavailable: boolean } {
    return { failed: true, codeUnavailable: error instanceof PartCodeUnavailable };
  }

  private readonly retry = (): void => {
    if (this.state.codeUnavailable) {
      (this.props.reloadWindow ?? (() => window.location.reload()))();
      return;
    }
    this.props.onRetry();
    this.setState({ failed: false, codeUnavailable: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const failure = (
      <p className="problem part-failed" role="alert" data-testid="part-failed">
        {this.props.what} could not be loaded. The rest of the window works as before.{' '}
        {this.state.codeUnavailable && 'Trying again reloads the window; the queue and the chat are kept. '}
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </p>
    );
    return this.props.frame ? this.props.frame(failure) : failure;
  }
}
