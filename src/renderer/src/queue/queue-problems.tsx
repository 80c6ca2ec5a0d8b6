import type { QueueView } from '../../../shared/queue';

/**
 * What the queue could not record, and what the person should know about
 * the broker: shown above the drafts until it is resolved, because a record
 * that is missing must never look like one that was written.
 */
export function QueueProblems({ queue }: { queue: QueueView }) {
  const problems = queue.storeProblems ?? [];
  const notices = queue.notices ?? [];
  if (problems.length === 0 && notices.length === 0) return null;
  return (
    <div className="queue-problems">
      {problems.map((problem) => (
        <p key={problem} role="alert" className="store-problem" data-testid="store-problem">
          {problem}
        </p>
      ))}
      {notices.map((notice) => (
        <p key={notice} role="status" className="broker-notice" data-testid="broker-notice">
          {notice}
        </p>
      ))}
    </div>
  );
}
