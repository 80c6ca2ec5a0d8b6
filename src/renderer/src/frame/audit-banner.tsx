import { useEffect, useState } from 'react';
import { rendererApi } from '../api';

/**
 * The audit log is the record of who approved what; when it stops verifying
 * (a row edited, the chain re-computed, the end cut off) the person must see
 * it at once and keep seeing it. Not dismissable: it goes only when main says
 * the log verifies.
 */
export function AuditBanner() {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  useEffect(() => {
    const api = rendererApi();
    let live = true;
    const stop = api.onAuditStatus((status) => setProblem(status.ok ? undefined : status.problem));
    void api.getAppInfo().then((info) => {
      if (live && info.ok && info.value.auditProblem) setProblem((current) => current ?? info.value.auditProblem);
    });
    return () => {
      live = false;
      stop();
    };
  }, []);
  if (problem === undefined) return null;
  return (
    <p className="key-problem audit-problem" role="alert" data-testid="audit-problem">
      <strong>The audit log does not verify.</strong> {problem} Countersign’s record of approvals may have been changed outside the app: keep a
      copy of the data folder and its audit key, and check your orders and fills in TWS.
    </p>
  );
}
