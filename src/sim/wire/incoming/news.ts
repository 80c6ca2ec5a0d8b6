import type { FieldReader } from '../fields';
import { V } from '../versions';

export function parseReqNewsProviders(): { kind: 'reqNewsProviders' } {
  return { kind: 'reqNewsProviders' };
}

export interface ReqNewsArticle { kind: 'reqNewsArticle'; reqId: number; providerCode: string; articleId: string }

/** The options tag list arrived with NEWS_QUERY_ORIGINS. */
export function parseReqNewsArticle(r: FieldReader, v: number): ReqNewsArticle {
  const out: ReqNewsArticle = { kind: 'reqNewsArticle', reqId: r.int('reqId'), providerCode: r.str('providerCode'), articleId: r.str('articleId') };
  if (v >= V.NEWS_QUERY_ORIGINS) r.str('newsArticleOptions');
  return out;
}

export interface ReqHistoricalNews {
  kind: 'reqHistoricalNews'; reqId: number; conId: number; providerCodes: string[]; startDateTime: string; endDateTime: string; totalResults: number;
}

export function parseReqHistoricalNews(r: FieldReader, v: number): ReqHistoricalNews {
  const out: ReqHistoricalNews = {
    kind: 'reqHistoricalNews', reqId: r.int('reqId'), conId: r.int('conId'),
    providerCodes: r.str('providerCodes').split('+').map((p) => p.trim()).filter((p) => p.length > 0),
    startDateTime: r.str('startDateTime'), endDateTime: r.str('endDateTime'), totalResults: r.int('totalResults'),
  };
  if (v >= V.NEWS_QUERY_ORIGINS) r.str('historicalNewsOptions');
  return out;
}
