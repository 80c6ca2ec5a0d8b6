import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_ACCOUNT_FILE, DemoAccountFile } from '../../../src/main/broker/demo-account-file';

const directories: string[] = [];

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

describe('the demo account file keeps every damaged file it sets aside', () => {
  it('a second damaged file reset at the same instant (a clock stepped back) does not replace the first one kept', async () => {
    const directory = mkdtempSync(path.join(os.tmpdir(), 'countersign-demo-file-'));
    directories.push(directory);
    const file = new DemoAccountFile(directory, () => Date.UTC(2026, 10, 18, 16, 0, 0));
    const live = path.join(directory, DEMO_ACCOUNT_FILE);

    writeFileSync(live, 'first damaged');
    const first = await file.reset();
    writeFileSync(live, 'second damaged');
    const second = await file.reset();

    expect(first.keptDamagedAs).toBeDefined();
    expect(second.keptDamagedAs).toBeDefined();
    expect(second.keptDamagedAs).not.toBe(first.keptDamagedAs);
    expect(readFileSync(first.keptDamagedAs!, 'utf8')).toBe('first damaged');
    expect(readFileSync(second.keptDamagedAs!, 'utf8')).toBe('second damaged');
    expect(readdirSync(directory).filter((name) => name.startsWith('demo-account.damaged-'))).toHaveLength(2);
  });
});
