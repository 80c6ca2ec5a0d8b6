import { createFocusTrap } from 'focus-trap';
import { useEffect, useRef, type RefObject } from 'react';

/**
 * Where the last closed modal gave focus back to. A modal opened by another
 * (the palette's "Connection settings") starts while focus is nowhere, so it
 * gives focus back where the first one was opened from.
 */
let handedBack: HTMLElement | null = null;

function opener(container: HTMLElement): HTMLElement | null {
  const active = document.activeElement;
  // A field inside the dialog may have taken focus already (its own effect runs first).
  if (active instanceof HTMLElement && active !== document.body && !container.contains(active)) return active;
  return handedBack?.isConnected ? handedBack : null;
}

/**
 * A modal owns focus while it is open: Tab and Shift+Tab cycle inside it,
 * Escape always closes it, and focus goes back where it was when it closes.
 * focus-trap does the tabbable bookkeeping (hidden, disabled, radio groups,
 * content that changes while open) that a hand-made trap gets wrong.
 */
export function useModalFocus(ref: RefObject<HTMLElement | null>, onClose: () => void): void {
  // The latest onClose, so a re-render with a new callback does not rebuild the trap.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    let closedByApp = false;
    const returnTo = opener(container);
    const trap = createFocusTrap(container, {
      delayInitialFocus: false,
      fallbackFocus: container,
      escapeDeactivates: true,
      clickOutsideDeactivates: false,
      allowOutsideClick: false,
      returnFocusOnDeactivate: true,
      // At once: a key pressed right after Escape must not lose its focus to a late return.
      delayReturnFocus: false,
      setReturnFocus: () => (returnTo?.isConnected ? returnTo : false),
      onDeactivate: () => {
        handedBack = returnTo;
        if (!closedByApp) close.current();
      },
    });
    trap.activate();
    return () => {
      // Closed by the app (approved, saved): give focus back without calling onClose again.
      closedByApp = true;
      trap.deactivate();
    };
  }, [ref]);
}
