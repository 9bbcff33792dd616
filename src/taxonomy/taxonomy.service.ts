import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DomainError } from '../shared/domain-error';
import { DEFAULT_TAXONOMY } from './default-taxonomy';
import type { Translator } from '../i18n';
import { Taxonomy, loadTaxonomyFile, taxonomyLabel } from './taxonomy';

export class UnknownTaxonomyKeyError extends DomainError {
  constructor(field: string, kind: string, keys: string[]) {
    super('unknown-taxonomy-key', `unknown ${kind}: ${keys.join(', ')}`, field);
  }
}

/** The configured taxonomy; request and profile keys are checked against it at the boundary. */
@Injectable()
export class TaxonomyService {
  readonly taxonomy: Taxonomy;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.taxonomy = config.TAXONOMY_FILE ? loadTaxonomyFile(config.TAXONOMY_FILE) : DEFAULT_TAXONOMY;
  }

  assertKnown(kind: keyof Taxonomy, keys: string[], field: string): void {
    // Own keys only: 'constructor' or '__proto__' are in every object, not in the taxonomy.
    const unknown = keys.filter((key) => !Object.hasOwn(this.taxonomy[kind], key));
    if (unknown.length > 0) {
      throw new UnknownTaxonomyKeyError(
        field,
        kind === 'categories' ? 'category' : kind === 'skills' ? 'skill' : 'field',
        unknown,
      );
    }
  }

  /** The skills a category needs when the request names none itself. */
  skillsOfCategory(category: string): string[] {
    return this.category(category)?.skills ?? [];
  }

  /**
   * The skills that count for these, directly or partly: each with its parent and its children
   * (a volunteer with "accompaniment" helps with "accompaniment.doctor" and the other way round).
   */
  relatedSkills(skills: string[]): string[] {
    const related = new Set<string>();
    for (const skill of skills) {
      related.add(skill);
      const parent = Object.hasOwn(this.taxonomy.skills, skill)
        ? this.taxonomy.skills[skill].parent
        : undefined;
      if (parent) {
        related.add(parent);
      }
      for (const [key, definition] of Object.entries(this.taxonomy.skills)) {
        if (definition.parent === skill) {
          related.add(key);
        }
      }
    }
    return [...related].sort();
  }

  private category(key: string): Taxonomy['categories'][string] | undefined {
    return Object.hasOwn(this.taxonomy.categories, key) ? this.taxonomy.categories[key] : undefined;
  }

  minimumAgeOf(category: string): number | null {
    return this.category(category)?.minimumAge ?? null;
  }

  /** Whether a request of this category needs an inspected eFZ unless staff decide otherwise. */
  requiresCertificateByDefault(category: string): boolean {
    return this.category(category)?.requiresCertificate ?? false;
  }

  /** Categories whose help happens at the person's home (the public form asks for the street). */
  atHomeCategories(): string[] {
    return Object.entries(this.taxonomy.categories)
      .filter(([, category]) => category.atHome === true)
      .map(([key]) => key);
  }

  /** Categories with a minimum age, with that age (the volunteer sign-up explains its birth date). */
  categoriesWithMinimumAge(): { category: string; minimumAge: number }[] {
    return Object.entries(this.taxonomy.categories)
      .filter(([, category]) => category.minimumAge !== undefined && category.minimumAge > 0)
      .map(([key, category]) => ({ category: key, minimumAge: category.minimumAge as number }));
  }

  /**
   * A category, skill or field in the reader's words: the catalogue's (taxonomy.<kind>.<key>, in
   * every public language), else the agency's own label, which its taxonomy file gives in German
   * and English (an agency may add keys the catalogue does not know).
   */
  label(kind: keyof Taxonomy, key: string, t: Pick<Translator, 'locale' | 'dynamic'>): string {
    return taxonomyLabel(this.taxonomy, kind, key, t);
  }
}
