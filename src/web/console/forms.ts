import type { ClassConstructor } from 'class-transformer';
import type { Response } from 'express';
import type { FieldError } from '../../common/validation';
import type { Translator } from '../../i18n';
import { domainErrorAsProblem, readForm } from '../forms/form-path';

/**
 * A console form POST through the one form path: the posted fields become the API's DTO (readForm),
 * the action runs and the browser is redirected (POST → 303 → GET). A broken DTO rule, or a domain
 * rule that names a field, shows the form again through `showErrors` (400, problems beside their
 * fields, in the page's language); any other error goes to the console's exception filter.
 */
export async function submitForm<T extends object>(
  response: Response,
  form: {
    t: Translator;
    dtoClass: ClassConstructor<T>;
    plain: Record<string, unknown>;
    action: (dto: T) => Promise<unknown>;
    /** Where to go after the action; a function when it depends on what the action made. */
    redirectTo: string | (() => string);
    showErrors: (problems: FieldError[]) => Promise<void>;
  },
): Promise<void> {
  const outcome = await readForm(form.dtoClass, form.plain, form.t);
  if (!outcome.ok) {
    return form.showErrors(outcome.problems);
  }
  try {
    await form.action(outcome.dto);
  } catch (error) {
    const problems = domainErrorAsProblem(error, form.t);
    if (!problems) {
      throw error;
    }
    return form.showErrors(problems);
  }
  response.redirect(303, typeof form.redirectTo === 'string' ? form.redirectTo : form.redirectTo());
}
