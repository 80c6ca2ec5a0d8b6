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
      return `${field}: ${plainMessage(issue)}`;
    })
    .join(' ');
}

/** Our schemas' own messages read well already; zod's defaults ("Too small: expected number to be >0") do not. */
function plainMessage(issue: ZodError['issues'][number]): string {
  if (issue.code === 'too_small' && /^too small/i.test(issue.message)) {
    const minimum = String(issue.minimum);
    return issue.inclusive ? `must be at least ${minimum}` : `must be more than ${minimum}`;
  }
  if (issue.code === 'too_big' && /^too big/i.test(issue.message)) {
    const maximum = String(issue.maximum);
    return issue.inclusive ? `can be at most ${maximum}` : `must be less than ${maximum}`;
  }
  if (issue.code === 'invalid_type' && /^invalid input/i.test(issue.message)) {
    // zod does not keep the input on the issue; its message says what it received.
    return /received undefined$/.test(issue.message) ? 'is missing' : `must be a ${issue.expected}`;
  }
  return issue.message.replace(/^the \w+ must/i, 'must');
}
