import { isToolName } from '../assistant/tools';

/**
 * A tool call in a few words for the chat pane: "read positions for DU123…".
 * The words name what was asked, never what happened: whether it was done
 * is the result's to say (see toolOutcome).
 */
export function describeToolCall(name: string, input: unknown): string {
  const args = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const account = typeof args['account'] === 'string' ? ` for ${args['account']}` : '';
  const symbols = Array.isArray(args['symbols']) ? (args['symbols'] as unknown[]).join(', ') : undefined;
  if (!isToolName(name)) return `asked for "${name.slice(0, 64)}", a tool Claude does not have`;
  switch (name) {
    case 'get_portfolio':
      return `read positions${account || ' for all accounts'}`;
    case 'get_account_summary':
      return `read balances and margin${account || ' for all accounts'}`;
    case 'get_quotes':
      return `asked for quotes${symbols ? `: ${symbols}` : ''}`;
    case 'get_price_history':
      return `read price history of ${String(args['symbol'] ?? '?')} (${String(args['period'] ?? '')}, ${String(args['bar_size'] ?? '')})`;
    case 'get_open_orders':
      return `read open orders${account}`;
    case 'get_recent_executions':
      return `read recent executions${account}`;
    case 'find_contract':
      return `looked up "${String(args['query'] ?? '')}"`;
    case 'get_pending_drafts':
      return 'read the drafts waiting for you';
    case 'get_decision_journal':
      return `read how earlier drafts turned out${typeof args['symbol'] === 'string' ? ` (${args['symbol']})` : ''}`;
    case 'get_option_chain':
      return `read the option chain of ${String(args['symbol'] ?? '?')}${typeof args['expiry'] === 'string' ? ` for ${args['expiry']}` : ''}`;
    case 'draft_order':
      return `proposed a draft: ${String(args['side'] ?? '')} ${String(args['quantity'] ?? '')} ${String(args['symbol'] ?? '')} ${String(args['order_type'] ?? '')}${
        typeof args['limit_price'] === 'number' ? ` ${args['limit_price']}` : ''
      }`.replace(/\s+/g, ' ').trim();
  }
}

export type ToolOutcomeKind = 'done' | 'refused' | 'blocked';

const maxReason = 300;

/**
 * What really happened to a tool call, from the result Claude was sent: done,
 * a draft made but blocked by a check, or refused (nothing was done, and why).
 */
export function toolOutcome(name: string, isError: boolean, content: string): { outcome: ToolOutcomeKind; reason?: string } {
  if (!isError) return { outcome: 'done' };
  if (name === 'draft_order') {
    try {
      const body = JSON.parse(content) as { draftId?: unknown; state?: unknown };
      if (typeof body.draftId === 'string' && body.state === 'blocked') return { outcome: 'blocked', reason: 'a risk check blocks it; it cannot be approved' };
    } catch {
      // Not a draft: a refusal in words.
    }
  }
  const reason = content.length > maxReason ? `${content.slice(0, maxReason)}…` : content;
  return { outcome: 'refused', reason: name === 'draft_order' ? `no draft was created. ${reason}` : reason };
}
