import { useState } from 'react';
import { ChatPane } from './chat/chat-pane';
import { StatusBar } from './frame/status-bar';
import { PositionsPane } from './positions/positions-pane';
import { QueuePane } from './queue/queue-pane';
import { SessionDialog } from './session/session-dialog';
import { ConnectionSettingsDialog } from './settings/connection-settings-dialog';

export function App() {
  const [settingsOpen, setSettingsOpen] = useState(false);
  return (
    <div className="app-frame">
      <StatusBar onOpenSettings={() => setSettingsOpen(true)} />
      <main className="panes">
        <PositionsPane />
        <ChatPane />
        <QueuePane />
      </main>
      <SessionDialog onOpenSettings={() => setSettingsOpen(true)} />
      {settingsOpen && <ConnectionSettingsDialog onClose={() => setSettingsOpen(false)} />}
    </div>
  );
}
