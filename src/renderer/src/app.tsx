import { ChatPane } from './chat/chat-pane';
import { StatusBar } from './frame/status-bar';
import { PositionsPane } from './positions/positions-pane';
import { QueuePane } from './queue/queue-pane';

export function App() {
  return (
    <div className="app-frame">
      <StatusBar />
      <main className="panes">
        <PositionsPane />
        <ChatPane />
        <QueuePane />
      </main>
    </div>
  );
}
