import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendAudit } from '../../src/main/store/audit-log';
import { openStore } from '../../src/main/store/open-store';
import { damageStoredDraft } from '../support/damage-draft';
import { cutTail } from '../support/tamper-audit';
import { sampleDraft } from '../unit/store/support';
import { openApp, type AppUnderTest } from './support/app-under-test';

describe('store problems on screen', () => {
  let app: AppUnderTest | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('shows a cut audit log as a banner and an unreadable draft as a card for review', async () => {
    const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'countersign-e2e-store-'));
    const store = openStore(dataDirectory);
    const draft = sampleDraft(1_700_000_000_000);
    store.drafts.insert(draft, { actor: 'claude', at: draft.createdAt, action: 'draft.created' });
    for (let n = 0; n < 3; n++) appendAudit(store.db, { at: draft.createdAt + n, actor: 'system', action: 'tick', details: { n } });
    store.close();
    damageStoredDraft(dataDirectory, draft.id, '{', '#');
    cutTail(dataDirectory, 2);

    app = await openApp({ dataDirectory, connectOnStart: false });
    const banner = app.page.getByTestId('audit-problem');
    await expect.poll(() => banner.textContent(), { timeout: 15_000 }).toMatch(/The audit log does not verify\..*Rows 3 to 4 are missing/);
    const card = app.page.getByTestId('unreadable-draft');
    await expect.poll(() => card.textContent(), { timeout: 15_000 }).toContain(draft.id);
    expect(await card.textContent()).toMatch(/not valid JSON/);
    expect(app.pageErrors).toEqual([]);
  });
});
