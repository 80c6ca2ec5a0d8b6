import { EventEmitter } from 'node:events';

/** The steps of one approval's submission, in order: re-checked, intent durable, each order written to the gateway, all written. */
export type SubmitStep = 'checked' | 'intent-written' | 'order-sent' | 'all-sent';

export interface DiagnosticEvents {
  /** A submission reached this step (draft id). */
  submitStep: [step: SubmitStep, draftId: string];
}

/**
 * What the backend reports about its own work as it happens, for whoever
 * watches it (a profiler, the latency bench, the crash test). Nothing the
 * person sees depends on it, and with no listener it costs nothing on the
 * approval path. Listeners run synchronously at the step: one that throws
 * stops the approval right there, as a crash at that step would.
 */
export class Diagnostics extends EventEmitter<DiagnosticEvents> {}
