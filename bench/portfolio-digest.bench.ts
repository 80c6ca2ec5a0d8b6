// What Claude's get_portfolio tool returns for a 500-position book (400
// stocks in three currencies, 90 options with greeks, 10 futures), counted
// with Anthropic's tokenizer. Budget: under 8,000 tokens.
import { countTokens } from '@anthropic-ai/tokenizer';
import { portfolioDigest } from '../src/main/assistant/portfolio-digest';
import { book500 } from './support/book-500';

const BUDGET = 8_000;
const { accounts, positions } = book500();
const text = JSON.stringify(portfolioDigest(accounts, positions, '20261202'));
const tokens = countTokens(text);
const options = positions.filter((p) => p.secType === 'OPT').length;
process.stdout.write(`get_portfolio, ${positions.length} positions (${options} options, 10 futures, 3 currencies, 2 accounts)\n`);
process.stdout.write(`  ${text.length} characters, ${tokens} tokens (budget ${BUDGET}): ${tokens < BUDGET ? 'ok' : 'OVER BUDGET'}\n`);
process.exit(tokens < BUDGET ? 0 : 1);
