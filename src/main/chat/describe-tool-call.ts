/** A tool call in a few words for the chat pane: "read positions for DU123…". */
export function describeToolCall(name: string, input: unknown): string {
  const args = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const account = typeof args['account'] === 'string' ? ` for ${args['account']}` : '';
  const symbols = Array.isArray(args['symbols']) ? (args['symbols'] as unknown[]).join(', ') : undefined;
  switch (name) {
    case 'get_portfolio':
      return `read positions${account || ' for all accounts'}`;
    case 'get_account_summary':
      return `read balances and margin${account || ' for all accounts'}`;
    case 'get_quotes':
      return `asked for quotes${symbols ? `: ${symbols}` : ''}`;
    case 'get_price_history':
      return `read price history of ${String(args['symbol'] ?? '?')} (${String(args['period'] ?? '')}, ${String(args['barSize'] ?? '')})`;
    case 'get_open_orders':
      return `read open orders${account}`;
    case 'get_recent_executions':
      return `read recent executions${account}`;
    case 'find_contract':
      return `looked up "${String(args['query'] ?? '')}"`;
    case 'get_pending_drafts':
      return 'read the drafts waiting for you';
    case 'draft_order':
      return `drafted ${String(args['side'] ?? '')} ${String(args['quantity'] ?? '')} ${String(args['symbol'] ?? '')} ${String(args['order_type'] ?? '')}${
        typeof args['limit_price'] === 'number' ? ` ${args['limit_price']}` : ''
      }`.replace(/\s+/g, ' ').trim();
    default:
      return name.replace(/_/g, ' ');
  }
}
