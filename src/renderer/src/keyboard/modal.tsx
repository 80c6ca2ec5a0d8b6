import { useRef, type ReactNode } from 'react';
import { useAppStore } from '../store';
import { useModalFocus } from './use-modal-focus';

interface ModalProps {
  title: string;
  children: ReactNode;
  testId: string;
  /** Closes it (Escape, Cancel); the app's dialog slot by default. */
  onClose?: () => void;
  /** An alertdialog speaks for itself (the session pop-up); the rest are dialogs. */
  role?: 'dialog' | 'alertdialog';
  className?: string;
  /** Set to show the title some other way (the settings' tabs); it still names the dialog. */
  hideTitle?: boolean;
  describedBy?: string;
}

/** A modal that takes focus, keeps it inside, closes on Escape, and gives focus back when it closes. */
export function Modal({ title, children, testId, onClose, role = 'dialog', className, hideTitle, describedBy }: ModalProps) {
  const closeDialog = useAppStore((s) => s.closeDialog);
  const ref = useRef<HTMLDivElement>(null);
  useModalFocus(ref, onClose ?? closeDialog);
  return (
    <div className="dialog-backdrop">
      <div
        ref={ref}
        className={className ? `dialog ${className}` : 'dialog'}
        role={role}
        aria-modal="true"
        aria-label={title}
        aria-describedby={describedBy}
        tabIndex={-1}
        data-testid={testId}
      >
        {!hideTitle && <h2>{title}</h2>}
        {children}
      </div>
    </div>
  );
}
