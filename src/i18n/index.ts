export {
  CATALOGUE,
  SOURCE_LOCALE,
  isLocale,
  localesFor,
  negotiateLocale,
  pickLocale,
  type Audience,
  type LocaleInfo,
} from './catalogue';
export type { MessageKey } from './message-keys';
export { translator, type MessageValues, type Translator } from './translator';
