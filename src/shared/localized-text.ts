/** A text in both languages the staff console and explanations are written in. */
export interface LocalizedText {
  de: string;
  en: string;
}
