import { useRef, useState, type FormEvent } from 'react';
import { useFocusRequest } from '../keyboard/use-keyboard';
import { rendererApi } from '../api';
import { useAppStore } from '../store';

/** Entering the key once: it goes to main's encrypted storage and never comes back to this window. */
/** onSaved: the form goes away once a key is stored, so the caller says where focus goes next. */
export function ClaudeKeyForm({ onSaved }: { onSaved: () => void }) {
  const claude = useAppStore((s) => s.claude);
  const setClaude = useAppStore((s) => s.setClaude);
  const [key, setKey] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const field = useRef<HTMLInputElement>(null);
  // "/" (focus the chat) lands here while there is no key to chat with.
  useFocusRequest('chat-input', field);
  if (claude?.keyStorage === 'unavailable') {
    return (
      <p className="problem" role="alert">
        This system has no secure storage for secrets (no keyring), so Countersign will not keep an API key. Install and unlock a keyring (GNOME Keyring or KWallet) and restart Countersign.
      </p>
    );
  }
  const save = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const result = await rendererApi().setClaudeKey({ key });
    setKey('');
    if (result.ok) {
      setClaude(result.value);
      setProblem(undefined);
      onSaved();
    } else {
      setProblem(result.error.message);
    }
  };
  return (
    <form className="claude-key-form" onSubmit={(event) => void save(event)} aria-label="Anthropic API key">
      <p>
        To talk to Claude, add your Anthropic API key (from console.anthropic.com). It is encrypted with your system keychain and never shown again. The rest of Countersign works without it.
      </p>
      <label>
        API key
        <input ref={field} type="password" autoComplete="off" value={key} onChange={(event) => setKey(event.target.value)} data-testid="claude-key" />
      </label>
      <button type="submit" disabled={key.trim().length < 20}>
        Save key
      </button>
      {problem && (
        <p role="alert" className="problem">
          {problem}
        </p>
      )}
    </form>
  );
}
