/**
 * A draft for an account this session does not have would wait for a
 * portfolio that never comes: refuse it at once and name the accounts there are.
 */
export function unknownAccountReason(account: string, accounts: readonly string[]): string | undefined {
  if (accounts.includes(account)) return undefined;
  if (accounts.length === 0) return `There is no account ${account} in this session: the gateway has not reported any accounts yet.`;
  return `There is no account ${account} in this session. The accounts are: ${accounts.join(', ')}.`;
}
