// `npm start`'s prestart: see electron-dev-setup.ts for what and why.
import { spawnSync } from 'node:child_process';
import { DevSetupError, prepareElectronDevelopment } from './electron-dev-setup';

try {
  prepareElectronDevelopment({
    root: process.cwd(),
    platform: process.platform,
    arch: process.arch,
    print: (line) => process.stdout.write(`${line}\n`),
    runNodeScript: (script, args, { cwd, env }) =>
      spawnSync(process.execPath, [script, ...args], { cwd, env, stdio: 'inherit' }).status === 0,
  });
} catch (error) {
  if (!(error instanceof DevSetupError)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exit(1);
}
