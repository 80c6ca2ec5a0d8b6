import { Suspense, useCallback, useState, type ReactNode } from 'react';
import { AuditBanner } from './frame/audit-banner';
import { LazyPartBoundary, useRetryableLazy } from './frame/lazy-part';
import { StatusBar } from './frame/status-bar';
import { useTheme } from './frame/use-theme';
import { CommandPalette } from './keyboard/command-palette';
import { ConfirmLargeDialog } from './keyboard/confirm-large-dialog';
import { RejectDialog } from './keyboard/reject-dialog';
import { ShortcutsDialog } from './keyboard/shortcuts-dialog';
import { useKeyboard } from './keyboard/use-keyboard';
import { DecisionReviewDialog } from './journal/decision-review-dialog';
import { PositionsPane } from './positions/positions-pane';
import { ConfirmHaltDialog, HaltOutcomeBanner } from './queue/halt-from-shell';
import { QueuePane } from './queue/queue-pane';
import { SessionDialog } from './session/session-dialog';
import { SettingsDialog } from './settings/settings-dialog';
import { useAppStore } from './store';

// The chat (and its markdown) loads after the positions and the queue are up: it is not what the person checks first.
const loadChatPane = () => import('./chat/chat-pane').then((module) => ({ default: module.ChatPane }));

/** The chat pane's frame while its code loads: the three panes are there from the first frame. */
function ChatFrame({ busy, children }: { busy: boolean; children?: ReactNode }) {
  return (
    <section className="pane chat-pane" aria-labelledby="chat-title" aria-busy={busy}>
      <div className="pane-header">
        <h2 id="chat-title">Research chat</h2>
      </div>
      {children}
    </section>
  );
}

/** The chat once its code is in; a chunk that will not load is said in the chat's own frame. */
function LazyChat() {
  const chat = useRetryableLazy(loadChatPane);
  return (
    <LazyPartBoundary what="The research chat" onRetry={chat.retry} frame={(failure) => <ChatFrame busy={false}>{failure}</ChatFrame>}>
      <Suspense fallback={<ChatFrame busy />}>
        <chat.Part />
      </Suspense>
    </LazyPartBoundary>
  );
}

export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [keyProblem, setKeyProblem] = useState<string | undefined>(undefined);
  const dialog = useAppStore((s) => s.dialog);
  const openSettings = useCallback(() => setSettingsOpen(true), []);
  useKeyboard(setKeyProblem);
  useTheme();
  return (
    <div className="app-frame">
      <StatusBar onOpenSettings={openSettings} />
      <AuditBanner />
      {keyProblem && (
        <p className="key-problem" role="alert" data-testid="key-problem">
          {keyProblem}
          <button type="button" onClick={() => setKeyProblem(undefined)} aria-label="Dismiss">
            ×
          </button>
        </p>
      )}
      <HaltOutcomeBanner />
      <main className="panes">
        <PositionsPane />
        <LazyChat />
        <QueuePane />
      </main>
      <SessionDialog onOpenSettings={openSettings} />
      {settingsOpen && <SettingsDialog onClose={() => setSettingsOpen(false)} />}
      {dialog.kind === 'shortcuts' && <ShortcutsDialog />}
      {dialog.kind === 'palette' && <CommandPalette onOpenSettings={openSettings} />}
      {dialog.kind === 'reject' && <RejectDialog draftId={dialog.draftId} />}
      {dialog.kind === 'confirm-large' && <ConfirmLargeDialog draftId={dialog.draftId} />}
      {dialog.kind === 'confirm-halt' && <ConfirmHaltDialog />}
      {dialog.kind === 'decision-review' && <DecisionReviewDialog />}
    </div>
  );
}
