import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Draft, DraftInput } from '../../../src/shared/draft';
import { createDraft } from '../../../src/main/approvals/lifecycle';

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'countersign-store-'));
}

export const buyAapl: DraftInput = {
  account: 'DU1234567',
  contract: { symbol: 'AAPL', secType: 'STK' },
  order: { side: 'BUY', quantity: 10, orderType: 'LMT', limitPrice: 190 },
  author: 'claude',
  rationale: 'Adds to the core position below the 50-day average.',
  risks: ['Earnings on Thursday'],
};

export function sampleDraft(now = 1_700_000_000_000, input: DraftInput = buyAapl): Draft {
  return createDraft(input, now);
}
