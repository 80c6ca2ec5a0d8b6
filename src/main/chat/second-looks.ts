import type { Draft } from '../../shared/draft';
import type { DraftReview } from '../../shared/queue';
import type { SecondLookView } from '../../shared/second-look';
import { AccountAliases } from '../assistant/aliases';
import { anthropicClient } from '../assistant/client';
import type { AccountReader } from '../assistant/ports';
import { askSecondLook, secondLookRequest } from '../assistant/second-look';
import type { AssistantSettings } from '../assistant/settings';
import { costOf, spendLimitMessage, type SpendLedger } from '../assistant/usage';
import type { Log } from '../log';
import { secondLookBrief } from './second-look-brief';

export interface SecondLooksOptions {
  settings: () => AssistantSettings;
  /** The key, when it may be sent to the endpoint as it is now; read fresh for every call. */
  apiKey: () => string | undefined;
  ledger: SpendLedger;
  reader: AccountReader;
  /** Main's last judgement of the waiting draft, as the card shows it. */
  review: (draftId: string) => DraftReview | undefined;
  now: () => number;
  /** Something shown on a card changed: publish the queue. */
  changed: () => void;
  log: Log;
}

/** Answers are short; a long one would only push the card's checks out of view. */
const maxTokens = 1024;
/** Second looks kept for the queue's cards; the oldest go first. */
const kept = 200;

/**
 * The second look at each of Claude's drafts: a separate request that sees
 * the draft and the account facts, never the drafting conversation, for the
 * strongest case against the trade. It is advice beside the draft and owns
 * only its own answers: nothing here can approve, reject or change a draft,
 * and a failure is shown on the card and changes nothing else. Its cost goes
 * into the month's spend like any turn's, and it is not asked once the
 * spend limit is reached. Answers live in memory: after a restart a card has
 * none.
 */
export class SecondLooks {
  private readonly looks = new Map<string, SecondLookView>();
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;

  constructor(private readonly options: SecondLooksOptions) {}

  /** For a draft Claude just made. Never throws; resolves when the answer (or the failure) is recorded. */
  async look(draft: Draft): Promise<void> {
    try {
      await this.ask(draft);
    } catch (error) {
      // The settings or the ledger could not be read, or the queue not published: logged, and the draft is untouched.
      this.options.log.warn('The second look could not be asked', error instanceof Error ? error.message : String(error));
    }
  }

  private async ask(draft: Draft): Promise<void> {
    const settings = this.options.settings();
    if (this.stopped || !settings.secondLook || draft.author !== 'claude') return;
    const at = this.options.now();
    const apiKey = this.options.apiKey();
    if (apiKey === undefined) {
      this.set(draft.id, { state: 'skipped', draftVersion: draft.version, at, message: 'No second look: there is no API key that may be sent to the endpoint.' });
      return;
    }
    const overLimit = spendLimitMessage(this.options.ledger, settings.monthlySpendLimitUsd, at);
    if (overLimit !== null) {
      this.set(draft.id, { state: 'skipped', draftVersion: draft.version, at, message: `No second look: ${overLimit}` });
      return;
    }
    this.set(draft.id, { state: 'running', draftVersion: draft.version, at, model: settings.model });
    const controller = new AbortController();
    this.inFlight.add(controller);
    try {
      const request = secondLookRequest(settings.model, Math.min(maxTokens, settings.maxTokens), await this.brief(draft, settings));
      const outcome = await askSecondLook(anthropicClient(apiKey, settings), request, apiKey, controller.signal);
      const cost = outcome.usage === null ? null : costOf(settings.model, outcome.usage);
      if (outcome.usage !== null && cost !== null) {
        this.options.ledger.record({ at: this.options.now(), model: settings.model, usage: outcome.usage, usd: cost.usd, estimated: cost.estimated });
      }
      const u = outcome.usage;
      const spent =
        cost === null || u === null
          ? {}
          : { usd: cost.usd, costEstimated: cost.estimated, tokens: { input: u.input + u.cacheRead + u.cacheWrite, output: u.output } };
      this.set(
        draft.id,
        outcome.ok
          ? { state: 'done', draftVersion: draft.version, at, model: settings.model, counterCase: outcome.counterCase, ...spent }
          : { state: 'failed', draftVersion: draft.version, at, model: settings.model, message: outcome.message, ...spent },
      );
    } catch (error) {
      // The account could not be read for the brief, or the spend could not be written: said on the card, nothing else moves.
      this.options.log.warn('The second look failed', error instanceof Error ? error.message : String(error));
      this.set(draft.id, { state: 'failed', draftVersion: draft.version, at, model: settings.model, message: 'The second look failed before it had an answer; the draft is unchanged.' });
    } finally {
      this.inFlight.delete(controller);
    }
  }

  forDrafts(ids: Iterable<string>): Record<string, SecondLookView> {
    const out: Record<string, SecondLookView> = {};
    for (const id of ids) {
      const look = this.looks.get(id);
      if (look) out[id] = look;
    }
    return out;
  }

  /** The app is closing: calls under way are abandoned (their cards say so if anyone still looks). */
  stop(): void {
    this.stopped = true;
    for (const controller of this.inFlight) controller.abort();
  }

  private async brief(draft: Draft, settings: AssistantSettings): Promise<Record<string, unknown>> {
    const { reader } = this.options;
    const aliases = new AccountAliases(settings.aliasAccounts);
    if (aliases.enabled) aliases.register(await reader.accounts());
    const [accounts, positions] = await Promise.all([reader.accountSummary(draft.account), reader.portfolio(draft.account)]);
    return secondLookBrief({
      draft,
      review: this.options.review(draft.id),
      account: accounts.find((a) => a.account === draft.account),
      positions,
      aliases,
      now: this.options.now(),
    });
  }

  private set(draftId: string, look: SecondLookView): void {
    // After stop the store and the queue are closing: an abandoned call has nothing left to tell.
    if (this.stopped) return;
    this.looks.delete(draftId);
    this.looks.set(draftId, look);
    while (this.looks.size > kept) {
      const oldest = this.looks.keys().next().value;
      if (oldest === undefined) break;
      this.looks.delete(oldest);
    }
    this.options.changed();
  }
}
