import type { PortfolioDelta } from '../../shared/portfolio';
import type { PortfolioModel } from './portfolio-model';

/**
 * Sends the portfolio's changes to the renderer at a fixed cadence (about
 * 10 Hz): 500 symbols ticking 4 times a second become at most ten messages a
 * second, whatever the tick rate.
 */
export class PortfolioStream {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly model: PortfolioModel,
    private readonly publish: (delta: PortfolioDelta) => void,
    private readonly intervalMs = 100,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.flush(), this.intervalMs);
    this.timer.unref?.();
  }

  flush(): void {
    const delta = this.model.takeDelta();
    if (delta) this.publish(delta);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
