import { Component, lazy, useCallback, useState, type ComponentType, type ReactNode } from 'react';

/**
 * A part of the window whose code loads after the first frame (the chat, the
 * charts). If its code cannot load, or the part fails as it draws, React
 * would otherwise unmount the whole window, the queue and the halt with it.
 * The boundary keeps the failure to that part's frame and says so there, and
 * "Try again" loads the code anew (React keeps a failed lazy load for good,
 * so a retry needs a new one).
 */
export function useRetryableLazy<P extends object>(load: () => Promise<{ default: ComponentType<P> }>): {
  Part: ComponentType<P>;
  retry: () => void;
} {
  const [Part, setPart] = useState(() => lazy(load));
  const retry = useCallback(() => setPart(() => lazy(load)), [load]);
  return { Part, retry };
}

interface LazyPartProps {
  /** What the person would call the part, e.g. "The research chat". */
  what: string;
  onRetry: () => void;
  /** The part's own frame around the failure (e.g. the chat pane's header), so the layout stays. */
  frame?: (failure: ReactNode) => ReactNode;
  children: ReactNode;
}

export class LazyPartBoundary extends Component<LazyPartProps, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  private readonly retry = (): void => {
    this.props.onRetry();
    this.setState({ failed: false });
  };

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    const failure = (
      <p className="problem part-failed" role="alert" data-testid="part-failed">
        {this.props.what} could not be loaded. The rest of the window works as before.{' '}
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </p>
    );
    return this.props.frame ? this.props.frame(failure) : failure;
  }
}
