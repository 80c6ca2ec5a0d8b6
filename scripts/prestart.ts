// `npm start`'s prestart: see electron-dev-setup.ts for what and why.
import { execSync, spawnSync } from 'node:child_process';
import { DevSetupError, electronArch, prepareElectronDevelopment } from './electron-dev-setup';

const underRosetta = (): boolean => {
  try {
    return execSync('sysctl -in sysctl.proc_translated').toString().trim() === '1';
  } catch {
    return false;
  }
};

try {
  prepareElectronDevelopment({
    root: process.cwd(),
    platform: process.platform,
    arch: electronArch(process.platform, process.arch, process.env, underRosetta),
    print: (line) => process.stdout.write(`${line}\n`),
    runNodeScript: (script, args, { cwd, env }) =>
      spawnSync(process.execPath, [script, ...args], { cwd, env, stdio: 'inherit' }).status === 0,
  });
} catch (error) {
  if (!(error instanceof DevSetupError)) throw error;
  process.stderr.write(`\n${error.message}\n`);
  process.exit(1);
}
