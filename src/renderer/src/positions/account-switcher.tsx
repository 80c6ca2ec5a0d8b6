import { useAppStore } from '../store';
import { ALL_ACCOUNTS } from '../store/portfolio-slice';

export function AccountSwitcher() {
  const accounts = useAppStore((s) => s.accounts);
  const selected = useAppStore((s) => s.selectedAccount);
  const selectAccount = useAppStore((s) => s.selectAccount);
  const ids = Object.keys(accounts).sort();
  return (
    <label className="account-switcher">
      <span>Account</span>
      <select value={selected} onChange={(event) => selectAccount(event.target.value)} data-testid="account-switcher">
        <option value={ALL_ACCOUNTS}>All accounts</option>
        {ids.map((id) => (
          <option key={id} value={id}>
            {id}
            {accounts[id]?.kind === 'cash' ? ' (cash)' : ''}
          </option>
        ))}
      </select>
    </label>
  );
}
