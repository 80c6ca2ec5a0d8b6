import { useRef, useState, type FormEvent } from 'react';
import { parseOrderTicket } from '../../../shared/order-ticket';
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
  const parsed = text.trim() ? parseOrderTicket(text) : undefined;
  const input = useRef<HTMLInputElement>(null);
  useFocusRequest('ticket', input);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!parsed?.ok) {
      setProblem(typingProblem(parsed?.problem ?? 'type an order, e.g. "buy 10 AAPL lmt 190".'));
      return;
    }
    setBusy(true);
    const result = await rendererApi().draftFromTicket({ text, ...(selected !== ALL_ACCOUNTS && !parsed.order.account ? { account: selected } : {}) });
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
        aria-describedby={problem ? 'order-ticket-problem' : undefined}
        spellCheck={false}
        autoComplete="off"
      />
      <button type="submit" disabled={busy}>
        Draft
      </button>
      {problem && (
        <p role="alert" id="order-ticket-problem" className={problem.yours ? 'problem input-problem' : 'problem'}>
          {problem.text}
        </p>
      )}
    </form>
  );
}
