// News for one session: providers, headlines over time and articles.
// Headline and article text is synthetic and reaches clients verbatim, like
// IB's: some of it tries to instruct a model, on purpose.
import type { SessionContext } from './session';
import type { ClientRequest } from './wire/incoming';
import { historicalNews, historicalNewsEnd, newsArticle, newsProviders } from './wire/outgoing/news';
import { NEWS_PROVIDERS, newsTime, parseNewsTime } from './engine/news';
import { NO_SECURITY } from './session-market-data';
import { SimCode } from './wire/ib-codes';

type NewsRequest = Extract<ClientRequest, { kind: 'reqNewsProviders' | 'reqNewsArticle' | 'reqHistoricalNews' }>;

const DEFAULT_LOOKBACK_MS = 30 * 86_400_000;

export class NewsFeed {
  constructor(private readonly s: SessionContext) {}

  handle(req: NewsRequest): void {
    const { s } = this;
    switch (req.kind) {
      case 'reqNewsProviders':
        s.send(newsProviders(NEWS_PROVIDERS));
        return;
      case 'reqHistoricalNews': {
        const unknown = req.providerCodes.filter((p) => !NEWS_PROVIDERS.some((k) => k.code === p));
        if (req.providerCodes.length === 0 || unknown.length > 0) {
          return s.error(req.reqId, SimCode.NEWS_FEED_NOT_ALLOWED, `News feed is not allowed: ${unknown.join(',') || '(no provider)'}`);
        }
        const to = req.endDateTime.trim() ? parseNewsTime(req.endDateTime) : s.clock.now();
        const from = req.startDateTime.trim() ? parseNewsTime(req.startDateTime) : (to ?? s.clock.now()) - DEFAULT_LOOKBACK_MS;
        if (to === undefined || from === undefined) return s.error(req.reqId, SimCode.REQUEST_INVALID, "Error validating request.-'bQ' : cause - Invalid date format");
        // IB caps one request at 300 headlines.
        const limit = Math.max(1, Math.min(300, req.totalResults || 10));
        const found = s.engine.newsHeadlines(req.conId, req.providerCodes, from, to, limit);
        if (!found) return s.error(req.reqId, SimCode.NO_SECURITY_DEFINITION, NO_SECURITY);
        for (const h of found.items) s.send(historicalNews(req.reqId, newsTime(h.at), h.providerCode, h.articleId, h.headline));
        s.send(historicalNewsEnd(req.reqId, found.hasMore));
        return;
      }
      case 'reqNewsArticle': {
        const text = s.engine.newsArticle(req.providerCode, req.articleId);
        if (text === undefined) return s.error(req.reqId, SimCode.NEWS_ARTICLE_FAILED, `Failed to request news article: article ${req.articleId} not found for provider ${req.providerCode}`);
        s.send(newsArticle(req.reqId, 0, text));
        return;
      }
    }
  }
}
