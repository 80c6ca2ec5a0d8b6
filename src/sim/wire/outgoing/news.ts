import { FieldWriter } from '../fields';
import { ToClient } from '../message-ids';

export function newsProviders(providers: readonly { code: string; name: string }[]): string[] {
  const w = new FieldWriter().int(ToClient.NEWS_PROVIDERS).int(providers.length);
  for (const p of providers) w.str(p.code).str(p.name);
  return w.fields;
}

/** One headline; time as TWS writes it, "yyyy-MM-dd HH:mm:ss.0" (UTC). */
export function historicalNews(reqId: number, time: string, providerCode: string, articleId: string, headline: string): string[] {
  return new FieldWriter().int(ToClient.HISTORICAL_NEWS).int(reqId).str(time).str(providerCode).str(articleId).str(headline).fields;
}

export function historicalNewsEnd(reqId: number, hasMore: boolean): string[] {
  return new FieldWriter().int(ToClient.HISTORICAL_NEWS_END).int(reqId).bool(hasMore).fields;
}

/** articleType 0 is plain text or HTML, 1 a base64-encoded binary (PDF). */
export function newsArticle(reqId: number, articleType: number, text: string): string[] {
  return new FieldWriter().int(ToClient.NEWS_ARTICLE).int(reqId).int(articleType).str(text).fields;
}
