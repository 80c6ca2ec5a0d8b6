import path from 'node:path';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import countersign from '../../../eslint/boundaries.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser as never, sourceType: 'module' } });
const at = (file: string): string => path.join(process.cwd(), file);
const rule = countersign.rules.boundaries;

tester.run('countersign/boundaries', rule, {
  valid: [
    { filename: at('src/main/shell/main-window.ts'), code: "import { BrowserWindow } from 'electron';" },
    { filename: at('src/main/index.ts'), code: "import { app } from 'electron';" },
    { filename: at('src/preload/index.ts'), code: "import { contextBridge } from 'electron';" },
    { filename: at('src/renderer/src/app.tsx'), code: "import { calls } from '../../shared/ipc-contract';" },
    { filename: at('src/shared/ipc-contract.ts'), code: "import { z } from 'zod'; import { A } from './app-info';" },
    { filename: at('src/sim/server.ts'), code: "import { calls } from '../shared/ipc-contract';" },
    { filename: at('src/main/backend.ts'), code: "import { createSim } from '../sim/index';" },
    { filename: at('src/main/approvals/approval-desk.ts'), code: "import { ConflictError } from '../domain-errors';" },
    { filename: at('src/main/backend.ts'), code: "import { CallFailure } from './ipc/call-error';" },
  ],
  invalid: [
    { filename: at('src/main/backend.ts'), code: "import { app } from 'electron';", errors: 1 },
    { filename: at('src/main/broker/session.ts'), code: "const e = require('electron');", errors: 1 },
    { filename: at('src/sim/server.ts'), code: "import { app } from 'electron';", errors: 1 },
    { filename: at('src/renderer/src/app.tsx'), code: "import { createBackend } from '../../main/backend';", errors: 1 },
    { filename: at('src/renderer/src/app.tsx'), code: "import { ipcRenderer } from 'electron';", errors: 1 },
    { filename: at('src/shared/ipc-contract.ts'), code: "import { createBackend } from '../main/backend';", errors: 1 },
    { filename: at('src/shared/ipc-contract.ts'), code: "export * from '../renderer/src/app';", errors: 1 },
    { filename: at('src/sim/server.ts'), code: "import { createBackend } from '../main/backend';", errors: 1 },
    { filename: at('src/sim/server.ts'), code: "const m = await import('../main/backend');", errors: 1 },
    { filename: at('src/main/shell/tray.ts'), code: "import { orderLine } from '../../renderer/src/queue/describe-draft';", errors: 1 },
    { filename: at('src/main/approvals/approval-desk.ts'), code: "import { CallFailure } from '../ipc/call-error';", errors: 1 },
    { filename: at('src/main/approvals/approval-desk.ts'), code: "export { callErrorOf } from '../ipc/error-map';", errors: 1 },
  ],
});
