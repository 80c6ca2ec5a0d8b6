import type { DraftDesk } from './ports';

export interface DraftLimits {
  /** Drafts one turn may create. */
  perTurn: number;
  /** Drafts one conversation may create in any hour. */
  perHour: number;
}

/**
 * How many drafts Claude may still make. A model that obeys an injected
 * instruction could otherwise fill the queue (fifty drafts in one turn), and
 * a full queue is where a bad draft slips past a tired reviewer. Only drafts
 * actually created count; a refused proposal costs nothing.
 */
export class DraftBudget {
  private made = 0;

  constructor(
    private readonly limits: DraftLimits,
    /** Drafts this conversation created in the hour before this turn. */
    private readonly earlierThisHour: number,
  ) {}

  /** The words Claude gets instead of a draft, or null while drafting is allowed. */
  refusal(): string | null {
    if (this.made >= this.limits.perTurn) {
      return `Not drafted: this turn reached its limit of ${this.limits.perTurn} drafts. Tell the person what you proposed so far; they can ask for more in their next message.`;
    }
    if (this.earlierThisHour + this.made >= this.limits.perHour) {
      return `Not drafted: this conversation reached its limit of ${this.limits.perHour} drafts per hour. Tell the person; they can review the queue first or raise the limit in Settings > Claude.`;
    }
    return null;
  }

  /** The desk as this turn sees it: counting what it creates. */
  guard(desk: DraftDesk): DraftDesk {
    return {
      createDraft: async (input, author) => {
        const result = await desk.createDraft(input, author);
        if (result.ok) this.made += 1;
        return result;
      },
    };
  }
}
