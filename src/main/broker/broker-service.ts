import type { ConnectionSettings } from '../../shared/settings';
import type { GatewayKind, SessionState } from '../../shared/session';
import type { PortfolioDelta, PortfolioSnapshot } from '../../shared/portfolio';
import type { Log } from '../log';
import { BrokerSession, type BrokerSessionOptions } from './broker-session';
import { DemoAccountUnreadable } from './demo-account-file';
import { KNOWN_PORTS } from './gateway-label';
import { probeLocalGateway } from './gateway-probe';
import { PortfolioStream } from './portfolio-stream';

/** A running demo gateway: the simulator embedded in the app. */
export interface DemoGateway {
  readonly host: string;
  readonly port: number;
  close(): Promise<void>;
}

export interface BrokerServiceOptions {
  settings: () => ConnectionSettings;
  log: Log;
  publishState: (state: SessionState) => void;
  publishPortfolio: (delta: PortfolioDelta) => void;
  startDemoGateway: () => Promise<DemoGateway>;
  /** The backend's wall clock, handed to every session. */
  now: () => number;
  /** Overrides for tests: heartbeat, backoff, reset window, clock. */
  sessionOverrides?: Partial<Omit<BrokerSessionOptions, 'endpoint' | 'gateway' | 'liveTradingEnabled' | 'log' | 'now'>>;
  streamIntervalMs?: number;
  /** Called with every new session, before it connects (the approval queue attaches here). */
  onSession?: (session: BrokerSession) => void;
}

/**
 * Decides where to connect (the demo gateway, a detected local gateway, or
 * the configured one), runs the session, and publishes its state and the
 * portfolio stream. Restarted when the connection settings change.
 */
export class BrokerService {
  private session: BrokerSession | undefined;
  private stream: PortfolioStream | undefined;
  private demo: DemoGateway | undefined;
  /** Why no session could start (the demo account could not be read): shown as the session state. */
  private failure: SessionState | undefined;
  /** The demo gateway was asked for in this start (it may have failed to start). */
  private demoAsked = false;
  private generation = 0;
  /**
   * Starts, stops and demo resets, one after another. A stop that ran while a
   * start was still starting the demo gateway left that gateway running
   * unowned, and two resets at once stopped and restarted it over each other.
   */
  private lifecycle: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: BrokerServiceOptions) {}

  get current(): BrokerSession | undefined {
    return this.session;
  }

  start(): Promise<void> {
    return this.inTurn(() => this.startNow());
  }

  stop(): Promise<void> {
    return this.inTurn(() => this.stopNow());
  }

  restart(): Promise<void> {
    return this.inTurn(async () => {
      await this.stopNow();
      await this.startNow();
    });
  }

  /**
   * Runs `change` (a reset of the demo account file) with the demo gateway
   * stopped, since a running demo writes its state as it stops; it starts
   * again afterwards if it was in use, whether or not the change worked.
   */
  whileDemoStopped<T>(change: () => Promise<T>): Promise<T> {
    return this.inTurn(async () => {
      const running = this.demoInUse();
      if (running) await this.stopNow();
      try {
        return await change();
      } finally {
        if (running) await this.startNow();
      }
    });
  }

  private inTurn<T>(step: () => Promise<T>): Promise<T> {
    const turn = this.lifecycle.then(step, step);
    this.lifecycle = turn.catch(() => undefined);
    return turn;
  }

  private async startNow(): Promise<void> {
    const generation = ++this.generation;
    const settings = this.options.settings();
    let target: { host: string; port: number; gateway: GatewayKind };
    this.demoAsked = false;
    try {
      target = await this.resolveTarget(settings);
    } catch (error) {
      if (generation !== this.generation) return;
      this.failure = {
        phase: 'failed',
        message: error instanceof Error ? error.message : 'The demo gateway could not start.',
        ...(error instanceof DemoAccountUnreadable ? { nextStep: error.nextStep } : {}),
        gateway: this.demoAsked ? 'demo' : 'unknown',
        mode: this.demoAsked ? 'paper' : 'unknown',
        accounts: [],
        since: this.options.now(),
      };
      this.options.log.error(this.demoAsked ? 'The demo gateway did not start' : 'No gateway to connect to', error);
      this.options.publishState(this.failure);
      return;
    }
    if (generation !== this.generation) return;
    const session = new BrokerSession({
      endpoint: { host: target.host, port: target.port, clientId: settings.clientId },
      gateway: target.gateway,
      liveTradingEnabled: settings.liveTradingEnabled,
      log: this.options.log,
      now: this.options.now,
      ...this.options.sessionOverrides,
    });
    this.session = session;
    this.stream = new PortfolioStream(session.portfolio, this.options.publishPortfolio, this.options.streamIntervalMs);
    session.on('state', (state) => {
      this.options.publishState(state);
      // Send the synced portfolio at once rather than up to one tick later.
      if (state.phase === 'ready') this.stream?.flush();
    });
    this.stream.start();
    this.options.onSession?.(session);
    session.start();
  }

  private async stopNow(): Promise<void> {
    this.generation += 1;
    this.stream?.stop();
    await this.session?.stop();
    this.session?.removeAllListeners();
    this.session = undefined;
    await this.demo?.close();
    this.demo = undefined;
    this.failure = undefined;
  }

  /** Whether the demo gateway is running, or was asked for and could not start. */
  demoInUse(): boolean {
    return this.demo !== undefined || this.failure?.gateway === 'demo';
  }

  state(): SessionState | undefined {
    return this.session?.state ?? this.failure;
  }

  portfolio(): PortfolioSnapshot | undefined {
    return this.session?.portfolio.snapshot();
  }

  private async resolveTarget(settings: ConnectionSettings): Promise<{ host: string; port: number; gateway: GatewayKind }> {
    if (settings.target === 'manual') {
      return { host: settings.host, port: settings.port, gateway: KNOWN_PORTS[settings.port]?.gateway ?? 'unknown' };
    }
    if (settings.target === 'auto') {
      const found = await probeLocalGateway(settings.host);
      if (found) {
        this.options.log.info(`Found ${found.label} on port ${found.port}`);
        return { host: settings.host, port: found.port, gateway: KNOWN_PORTS[found.port]?.gateway ?? 'unknown' };
      }
      this.options.log.info('No local gateway found on 4001/4002/7496/7497: starting the demo gateway');
    }
    this.demoAsked = true;
    this.demo = await this.options.startDemoGateway();
    return { host: this.demo.host, port: this.demo.port, gateway: 'demo' };
  }
}
