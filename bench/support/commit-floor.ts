import path from 'node:path';
import { openDatabase, type Db } from '../../src/main/store/database';

/**
 * The disk's own floor for the approval's durable write: one commit of two
 * small rows (an intent and its audit line) in WAL with synchronous=FULL, on
 * a database in the same directory as the app's, opened with the app's own
 * pragmas. The bench takes one sample beside each approval, so both see the
 * disk in the same state.
 */
export class CommitFloor {
  private readonly db: Db;
  private readonly commit: () => void;
  private sequence = 0;

  constructor(directory: string) {
    this.db = openDatabase(path.join(directory, 'commit-floor.sqlite'));
    this.db.exec(`CREATE TABLE IF NOT EXISTS intent (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL);
                  CREATE TABLE IF NOT EXISTS audit (id INTEGER PRIMARY KEY, at INTEGER NOT NULL, body TEXT NOT NULL)`);
    const intent = this.db.prepare('INSERT INTO intent (id, at, body) VALUES (?, ?, ?)');
    const audit = this.db.prepare('INSERT INTO audit (id, at, body) VALUES (?, ?, ?)');
    const write = this.db.transaction(() => {
      this.sequence += 1;
      intent.run(this.sequence, this.sequence, `{"state":"submitting","orderId":${this.sequence}}`);
      audit.run(this.sequence, this.sequence, `{"action":"draft.approved","orderId":${this.sequence}}`);
    });
    this.commit = () => write.immediate();
  }

  /** One commit, timed (ms). */
  sample(): number {
    const start = performance.now();
    this.commit();
    return performance.now() - start;
  }

  close(): void {
    this.db.close();
  }
}
