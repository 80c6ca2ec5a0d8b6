import { dialog, type BrowserWindow } from 'electron';
import type { EndpointConfirmer } from '../chat/endpoint-policy';

/**
 * The person's confirmation before the Anthropic key may go to a host other
 * than Anthropic's. It is a native dialog shown by main, never a page in the
 * renderer: a compromised renderer could draw its own "yes", but it cannot
 * answer this. Cancel is the default, so Enter alone does not send the key away.
 */
export function confirmEndpointWithDialog(window: () => BrowserWindow | undefined): EndpointConfirmer {
  return async ({ host, url }) => {
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      title: 'Send your Anthropic API key to another host?',
      message: `Send your Anthropic API key to ${host}?`,
      detail:
        `Claude's requests, with your API key and your account data, would go to ${url} instead of Anthropic's API (api.anthropic.com). ` +
        'Only continue if you run or trust this host. The stored key is cleared: enter the key meant for this host afterwards.',
      buttons: ['Cancel', `Use ${host}`],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const parent = window();
    const answer = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return answer.response === 1;
  };
}
