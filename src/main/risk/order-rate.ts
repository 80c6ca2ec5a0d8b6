import type { RiskCheck } from './context';
import { verdictsFor } from './verdict';

const v = verdictsFor('order-rate', 'Order rate');

export const orderRate: RiskCheck = (ctx) => {
  const since = ctx.now - 60_000;
  const count = ctx.recentApprovals.filter((t) => t > since && t <= ctx.now).length;
  const cap = ctx.limits.maxOrdersPerMinute;
  const words = `${count} order${count === 1 ? ' was' : 's were'} approved in the last minute`;
  if (count >= cap) return v.block(`${words}; the limit is ${cap} per minute. Wait a moment.`);
  if (count === cap - 1) return v.warn(`${words}; this one reaches the limit of ${cap} per minute.`);
  return v.pass(`${words} (limit ${cap}).`);
};
