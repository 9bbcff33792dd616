import type { Translator } from '../i18n';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const label = { de: z.string().min(1), en: z.string().min(1) };
const keyPattern = /^[a-z0-9][a-z0-9.-]*$|^[A-Z]{2,4}$/;

export const taxonomySchema = z
  .object({
    categories: z.record(
      z.string().regex(keyPattern),
      z.object({
        ...label,
        skills: z.array(z.string()),
        minimumAge: z.number().int().min(0).max(99).optional(),
        // Work with children or people with disabilities: requests default to needing an eFZ.
        requiresCertificate: z.boolean().optional(),
        // The help happens at the person's home: the public form asks for the street.
        atHome: z.boolean().optional(),
      }),
    ),
    skills: z.record(z.string().regex(keyPattern), z.object({ ...label, parent: z.string().optional() })),
    fields: z.record(z.string().regex(keyPattern), z.object(label)),
  })
  .superRefine((taxonomy, ctx) => {
    for (const [key, skill] of Object.entries(taxonomy.skills)) {
      if (skill.parent && !taxonomy.skills[skill.parent]) {
        ctx.addIssue({
          code: 'custom',
          path: ['skills', key, 'parent'],
          message: `unknown parent skill ${skill.parent}`,
        });
      }
    }
    for (const [key, category] of Object.entries(taxonomy.categories)) {
      for (const skill of category.skills.filter((s) => !taxonomy.skills[s])) {
        ctx.addIssue({
          code: 'custom',
          path: ['categories', key, 'skills'],
          message: `unknown skill ${skill}`,
        });
      }
    }
  });

export type Taxonomy = z.infer<typeof taxonomySchema>;

export function loadTaxonomyFile(path: string): Taxonomy {
  const parsed = taxonomySchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(
      `Invalid taxonomy file ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

/** The catalogue names taxonomy keys by kind in the singular: taxonomy.category.shopping. */
const SINGULAR = { categories: 'category', skills: 'skill', fields: 'field' } as const;

/**
 * A category, skill or field in the reader's words: the catalogue's (taxonomy.<kind>.<key>, in
 * every public language), else the agency's own label, which its taxonomy file gives in German and
 * English (an agency may add keys the catalogue does not know).
 */
export function taxonomyLabel(
  taxonomy: Taxonomy,
  kind: keyof Taxonomy,
  key: string,
  t: Pick<Translator, 'locale' | 'dynamic'>,
): string {
  const words = t.dynamic(`taxonomy.${SINGULAR[kind]}.${key}`);
  if (words !== undefined) {
    return words;
  }
  if (!Object.hasOwn(taxonomy[kind], key)) {
    return key;
  }
  const entry = taxonomy[kind][key];
  return t.locale === 'de' ? entry.de : entry.en;
}
