import { runAuditCommand } from './audit-command';

// node --import tsx src/main/store/audit-cli.ts verify <data-dir>
process.exitCode = runAuditCommand(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
