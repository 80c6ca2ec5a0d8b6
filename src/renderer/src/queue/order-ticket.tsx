import { useRef, useState, type FormEvent } from 'react';
import { orderLine } from '../../../shared/order-line';
import { parseOrderTicket, ticketAccount, unknownAccountReason, type TicketOrder } from '../../../shared/order-ticket';
import { rendererApi } from '../api';
import { useFocusRequest } from '../keyboard/use-keyboard';
import { useAppStore } from '../store';
import { ALL_ACCOUNTS } from '../store/portfolio-slice';
import { ticketProblemOf, typingProblem, type TicketProblem } from './ticket-problem';

/** Type an order in words; it becomes a draft that faces every check, like Claude's. */
export function OrderTicket() {
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<TicketProblem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const selected = useAppStore((s) => s.selectedAccount);
  const accounts = useAppStore((s) => s.session?.accounts) ?? NO_ACCOUNTS;
  const parsed = text.trim() ? parseOrderTicket(text) : undefined;
  // The same rule main applies, so the account shown is the account the draft is for.
  const target = parsed?.ok ? ticketAccount(parsed.order, selected === ALL_ACCOUNTS ? undefined : selected, accounts) : undefined;
  const input = useRef<HTMLInputElement>(null);
  useFocusRequest('ticket', input);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!parsed?.ok) {
      setProblem(typingProblem(parsed?.problem ?? 'type an order, e.g. "buy 10 AAPL lmt 190".'));
      return;
    }
    setBusy(true);
    const result = await rendererApi().draftFromTicket({ text, ...(target?.account ? { account: target.account } : {}) });
    setBusy(false);
    if (result.ok) {
      setText('');
      setProblem(undefined);
    } else {
      setProblem(ticketProblemOf(result.error));
    }
  };

  return (
    <form className="order-ticket" onSubmit={(event) => void submit(event)} aria-label="Order ticket">
      <input
        ref={input}
        data-testid="order-ticket"
        aria-label="New draft, e.g. buy 10 AAPL lmt 190"
        placeholder="buy 10 AAPL lmt 190"
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          setProblem(undefined);
        }}
        aria-invalid={problem?.yours ? true : undefined}
        aria-describedby={problem ? 'ticket-understood order-ticket-problem' : 'ticket-understood'}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit" disabled={busy}>
        Draft
      </button>
      <TicketReading text={text} order={parsed?.ok ? parsed.order : undefined} notYet={parsed && !parsed.ok ? parsed.problem : undefined} target={target} accounts={accounts} />
      {problem && (
        <p role="alert" id="order-ticket-problem" className={problem.yours ? 'problem input-problem' : 'problem'}>
          {problem.text}
        </p>
      )}
    </form>
  );
}

const NO_ACCOUNTS: readonly string[] = [];

const WHY: Record<ReturnType<typeof ticketAccount>['why'], string> = {
  typed: 'as typed',
  viewed: 'the account you are viewing',
  first: 'the first account; type @ACCOUNT for another',
};

/** What the ticket understood so far, and the account it will go to, before anything is sent. */
function TicketReading({ text, order, notYet, target, accounts }: {
  text: string;
  order: TicketOrder | undefined;
  notYet: string | undefined;
  target: ReturnType<typeof ticketAccount> | undefined;
  accounts: readonly string[];
}) {
  if (!text.trim()) return <p id="ticket-understood" className="ticket-reading muted" data-testid="ticket-understood" hidden />;
  if (!order) {
    return (
      <p id="ticket-understood" className="ticket-reading muted" data-testid="ticket-understood" data-understood="false">
        Not understood yet: {notYet}
      </p>
    );
  }
  const unknown = target?.account ? unknownAccountReason(target.account, accounts) : undefined;
  const line = orderLine({ order, contract: { symbol: order.symbol } });
  return (
    <p id="ticket-understood" className="ticket-reading" data-testid="ticket-understood" data-understood="true">
      <span>Understood: {line}</span>{' '}
      {unknown ? (
        <span className="problem" data-testid="ticket-account">{unknown}</span>
      ) : target?.account ? (
        <span data-testid="ticket-account" data-account={target.account}>
          → account <strong>{target.account}</strong> ({WHY[target.why]})
        </span>
      ) : (
        <span className="problem" data-testid="ticket-account">No account yet: the gateway has not reported any.</span>
      )}
    </p>
  );
}
