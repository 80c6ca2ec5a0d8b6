import { z } from 'zod';

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  /** 'electron' in the desktop app, 'harness' in the browser development harness. */
  host: z.enum(['electron', 'harness']),
  dataDirectory: z.string(),
  /** Main's wall clock when it answered (epoch ms): the renderer's ages and countdowns follow it. */
  now: z.number(),
  /** Set when the database could not be opened: the app shows it and does not trade. */
  storeProblem: z.string().optional(),
  /** Set when the audit log does not verify (edited, re-chained, cut): shown as a banner until the app restarts with it fixed. */
  auditProblem: z.string().optional(),
});
export type AppInfo = z.infer<typeof AppInfo>;
