import type { Translator } from '../../i18n';
import type { TaxonomyService } from '../../taxonomy/taxonomy.service';

/**
 * A category or skill in words. The taxonomy carries German and English; readers of the other
 * languages get English until the taxonomy namespace of the catalogue has their words.
 */
export function taxonomyText(
  taxonomy: TaxonomyService,
  t: Translator,
  kind: 'categories' | 'skills',
  key: string,
): string {
  return taxonomy.label(kind, key, t.locale === 'de' ? 'de' : 'en');
}
