import type { ZodError } from 'zod';

/** The fields a person knows by name; a path like order.quantity is a developer's word. */
const FIELD_NAMES: Record<string, string> = {
  'order.quantity': 'Quantity',
  'order.limitPrice': 'Limit price',
  'order.stopPrice': 'Stop price',
  'order.trailingAmount': 'Trailing amount',
  'order.trailingPercent': 'Trailing percent',
  'order.tif': 'Time in force',
  'order.orderType': 'Order type',
  'order.side': 'Side',
  'contract.symbol': 'Symbol',
  'contract.secType': 'Instrument type',
  account: 'Account',
};

/** A refused draft in plain words: which field, and why, starting with a capital. */
export function plainProblems(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.join('.');
      const field = FIELD_NAMES[path] ?? (path ? path.split('.').pop() : undefined) ?? 'The draft';
      const message = issue.message.replace(/^the \w+ must/i, 'must');
      return `${field}: ${message}`;
    })
    .join(' ');
}
