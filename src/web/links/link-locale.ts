import type { Request } from 'express';
import { isLocale, negotiateLocale, translator, type Translator } from '../../i18n';

/**
 * The language of a link page: what the reader just chose with the language switch (`?lang=`),
 * else the language the volunteer chose for their emails, else the browser's, else German.
 * The explicit choice comes first so the switch on every page works for volunteers, too.
 */
export function linkTranslator(request: Request, storedLocale?: string | null): Translator {
  const chosen = request.query.lang;
  if (isLocale(chosen, 'public')) {
    return translator(chosen, 'public');
  }
  if (isLocale(storedLocale, 'public')) {
    return translator(storedLocale, 'public');
  }
  return translator(negotiateLocale(request.get('accept-language'), 'public'), 'public');
}

/**
 * The path a page was asked for, with its query: the language switch builds on it, and a form posts
 * back to it, so the chosen language carries over to the answer page.
 */
export const pagePath = (request: Request): string => request.originalUrl;
