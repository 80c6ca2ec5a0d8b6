import { useEffect, useRef, type ReactNode } from 'react';
import { useAppStore } from '../store';

/** A modal that takes focus, closes on Escape, and gives focus back when it closes. */
export function Modal({ title, children, testId }: { title: string; children: ReactNode; testId: string }) {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = ref.current?.querySelector<HTMLElement>('input, textarea, button, [tabindex]');
    (first ?? ref.current)?.focus();
    return () => previous?.focus?.();
  }, []);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-label={title}
        tabIndex={-1}
        data-testid={testId}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            closeDialog();
          }
        }}
      >
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}
