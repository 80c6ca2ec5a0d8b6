// `npm run sim -- --port 4002 --seed 7`: a standalone simulated IB Gateway
// any TWS API client can connect to. Faults are typed on stdin.
import { createInterface } from 'node:readline';
import { parseCliArgs, type CliOptions } from './cli-args';
import { startSimGateway, SystemClock, type SimGateway } from './index';

const HELP = `Countersign simulated IB Gateway (TWS API server versions 100..193)

Usage: npm run sim -- [--host 127.0.0.1] [--port 4002] [--seed 7] [--tick-ms 250] [--held 10]
                      [--extra-symbols 0] [--always-open] [--no-pacing]

  --host <addr>     interface to listen on (default 127.0.0.1)
  --port <n>        TCP port (default 4002, the paper Gateway port; 0 picks a free one)
  --seed <n>        seed of the market random walk (default 7)
  --tick-ms <n>     interval between market ticks in ms (default 250)
  --held <n>        symbols held by the margin account (default 10; beyond the catalogue, synthetic)
  --extra-symbols <n>  synthetic symbols SYN0001... added to the catalogue (delayed data only)
  --always-open     trade around the clock (default: US hours, closed at night and on weekends)
  --no-pacing       do not enforce the 50 messages/second limit
  --help            this text

What is simulated:
  protocol   server versions 100..193; a client's v<min>..<max> gets the highest common version and every
             message is written and read at it; a range that misses ours gets a hello, then a close
  accounts   DU1234567 (Reg T margin) and DU7654321 (IRA-style cash), USD, US stocks and ETFs
  trading    MKT, LMT, STP, STP LMT, TRAIL, brackets, OCA, DAY/GTC/IOC for US stocks/ETFs, options, BAG combos
             of option legs (one execution per leg), futures, Treasuries, forex (a currency conversion), crypto (fractional,
             cash only, 24/7) and non-USD stocks, each against its own quotes and session; what-if with margin
             per class (long premium in full, covered calls, spreads at their max loss, Reg T naked shorts,
             futures exchange margin); IBKR Pro fixed commissions per class
  quotes     40+ US stocks and 14 ETFs, MLPs (EPD, ET, MPLX), ADRs (TSM, NVO, BABA); indices SPX, NDX, VIX;
             futures ES, MES, NQ (CME), CL (NYMEX), GC (COMEX), ZN (CBOT) with their live months;
             forex EUR.USD, GBP.USD, USD.JPY, USD.CHF, AUD.USD (IDEALPRO); SAP, SIE (IBIS, EUR),
             ASML (AEB, EUR), HSBA (LSE, GBP in pence), 7203 (TSEJ, JPY); BTC, ETH (PAXOS, 24/7);
             US Treasuries (US-T by CUSIP 91SIM..., bondContractDetails, 1/128 ticks);
             options on AAPL MSFT NVDA AMZN META TSLA GOOGL SPY QQQ IWM and SPX (SPX/SPXW) with greeks (10-13)
  data       contract details, reqSecDefOptParams chains, history (seconds to months, CONTFUT, weekly and
             monthly bars), head timestamp, histogram, historical ticks, market rules, matching symbols,
             positions/account updates per account, PnL, completed orders, executions
  news       providers BRFG, BRFUPDN, DJNL; seeded headlines and articles, some of which try to instruct a
             model ("ignore previous instructions ..."), on purpose
  scanner    parameters XML; TOP_PERC_GAIN, TOP_PERC_LOSE, MOST_ACTIVE, HOT_BY_VOLUME, refreshed every 30 s
  live       tick-by-tick (Last, AllLast, BidAsk, MidPoint), 5-second real-time bars, market depth (SMART depth
             by venue) and reqMktDepthExchanges; slow readers get conflated quotes, never an unbounded buffer
  other      user info, WSH metadata and earnings events, IB's pacing (50 msg/s, historical data pacing)

Commands on stdin:
  drop                     close every client connection
  silent on|off            keep sockets open but answer nothing
  lost                     send 1100 (connectivity lost); market data stops
  restored kept|lost       send 1102 (data kept) or 1101 (data lost, resubscribe)
  compete                  a competing session: 10197 on market data, then disconnect
  reset <seconds>          nightly reset: drop all and refuse connections for that long
  reject-next [reason]     reject the next order with error 201
  delay-acks <ms>          hold order acknowledgements that long (0 = off)
  partial-whatif on|off    answer what-if first without commission, then complete
  clients                  list the client ids connected now
  help                     list these commands
`;

/** Runs one stdin command; returns the acknowledgement line. Exported for tests. */
export function runCommand(sim: SimGateway, line: string): string {
  const [cmd, ...rest] = line.trim().split(/\s+/);
  const arg = rest.join(' ');
  switch (cmd) {
    case undefined:
    case '':
      return '';
    case 'help':
      return HELP.slice(HELP.indexOf('Commands on stdin:')).trimEnd();
    case 'clients': {
      const ids = sim.connectedClientIds();
      return ids.length ? `ok: connected client ids ${ids.join(', ')}` : 'ok: no clients connected';
    }
    case 'drop':
      sim.faults.dropConnections();
      return 'ok: dropped every connection';
    case 'silent':
      if (arg !== 'on' && arg !== 'off') return 'error: usage: silent on|off';
      sim.faults.goSilent(arg === 'on');
      return `ok: silent ${arg}`;
    case 'lost':
      sim.faults.connectivityLost();
      return 'ok: sent 1100 connectivity lost';
    case 'restored':
      if (arg !== 'kept' && arg !== 'lost') return 'error: usage: restored kept|lost';
      sim.faults.connectivityRestored(arg === 'kept');
      return arg === 'kept' ? 'ok: sent 1102 restored, data kept' : 'ok: sent 1101 restored, data lost';
    case 'compete':
      sim.faults.competingSession();
      return 'ok: competing session took over (10197, sessions closed)';
    case 'reset': {
      const seconds = Number(arg);
      if (!Number.isFinite(seconds) || seconds <= 0) return 'error: usage: reset <seconds>';
      sim.faults.resetWindow(seconds * 1000);
      return `ok: reset window, refusing connections for ${seconds}s`;
    }
    case 'reject-next':
      sim.faults.rejectNextOrder(arg || undefined);
      return `ok: next order will be rejected${arg ? `: ${arg}` : ''}`;
    case 'delay-acks': {
      const ms = Number(arg);
      if (!Number.isFinite(ms) || ms < 0) return 'error: usage: delay-acks <ms>';
      sim.faults.delayAcks(ms);
      return ms > 0 ? `ok: acknowledgements delayed by ${ms}ms` : 'ok: acknowledgements no longer delayed';
    }
    case 'partial-whatif':
      if (arg !== 'on' && arg !== 'off') return 'error: usage: partial-whatif on|off';
      sim.faults.incompleteWhatIf(arg === 'on');
      return `ok: partial what-if answers ${arg}`;
    default:
      return `error: unknown command "${cmd}" (type help)`;
  }
}

async function main(): Promise<void> {
  let opts: CliOptions | 'help';
  try {
    opts = parseCliArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exitCode = 2;
    return;
  }
  if (opts === 'help') {
    process.stdout.write(HELP);
    return;
  }
  const sim = await startSimGateway({
    host: opts.host, port: opts.port, seed: opts.seed, pacing: opts.pacing ? {} : false,
    // The standalone simulator keeps the machine's time: clients connecting to it expect the real hour.
    clock: new SystemClock(),
    ...(opts.tickMs !== undefined ? { tickIntervalMs: opts.tickMs } : {}),
    ...(opts.held !== undefined ? { heldSymbols: opts.held } : {}),
    ...(opts.extra !== undefined ? { extraSymbols: opts.extra } : {}),
    ...(opts.alwaysOpen ? { marketHours: 'always-open' as const } : {}),
    log: (line) => process.stderr.write(`sim: ${line}\n`),
  });
  process.stdout.write(`Simulated IB Gateway listening on ${sim.host}:${sim.port}\n`);
  process.stdout.write(`host ${sim.host}\nport ${sim.port}\naccounts ${sim.accounts.join(',')}\nseed ${opts.seed}\n`);
  process.stdout.write('Type "help" for fault commands.\n');

  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`stopping (${why})\n`);
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  // Without a terminal or pipe on stdin (e.g. `< /dev/null` under a supervisor) keep serving until a signal.
  if (process.stdin.readable) {
    const rl = createInterface({ input: process.stdin });
    rl.on('line', (line) => {
      const out = runCommand(sim, line);
      if (out) process.stdout.write(`${out}\n`);
    });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (invokedDirectly) void main();
