import { ProviderHostLinks } from './provider-host-links';
import { ProviderRequestLink } from './intake.page';
import type { FieldError } from '../../../common/validation';
import {
  ActionButton,
  CheckboxGroup,
  ConsoleLayout,
  CsrfField,
  FormErrors,
  InputField,
  type ConsoleView,
} from '../view';
import { choicesOf, type Labels } from './labels';
import type { Opportunity } from '../../../opportunities/opportunity.entity';
import type { Project } from '../../../opportunities/project.entity';
import { ProviderOpportunitiesSection } from './opportunities.page';

export interface ProviderForm {
  name: string;
  contactPerson: string;
  email: string;
  phone: string;
  streetAddress: string;
  postalCode: string;
  fieldsOfActivity: string[];
  active: boolean;
}

export const EMPTY_PROVIDER: ProviderForm = {
  name: '',
  contactPerson: '',
  email: '',
  phone: '',
  streetAddress: '',
  postalCode: '',
  fieldsOfActivity: [],
  active: true,
};

export interface ProviderRow extends Omit<ProviderForm, 'phone'> {
  phone: string | null;
  id: string;
  district: string | null;
  /** `pending`: signed up on the public pages, not yet checked by staff. */
  reviewStatus?: 'pending' | 'approved';
}

export function ProviderListPage(props: {
  view: ConsoleView;
  labels: Labels;
  providers: ProviderRow[];
  notice?: string | null;
}) {
  const { view, labels } = props;
  const { t } = view;
  return (
    <ConsoleLayout
      view={view}
      title={t.t('console.providers.title')}
      active="providers"
      notice={props.notice}
    >
      <p>
        <a class="button" href="/console/providers/new">
          {t.t('console.providers.new')}
        </a>
      </p>
      <div class="table-wrap">
        <table id="providers">
          <thead>
            <tr>
              <th scope="col">{t.t('console.providers.name')}</th>
              <th scope="col">{t.t('console.providers.contactPerson')}</th>
              <th scope="col">{t.t('console.common.district')}</th>
              <th scope="col">{t.t('console.providers.fields')}</th>
              <th scope="col">{t.t('console.providers.active')}</th>
            </tr>
          </thead>
          <tbody>
            {props.providers.map((provider) => (
              <tr key={provider.id}>
                <td>
                  <a href={`/console/providers/${provider.id}`}>{provider.name}</a>
                  <ProviderRequestLink view={view} providerId={provider.id} name={provider.name} />
                </td>
                <td>
                  {provider.contactPerson}
                  <br />
                  <span class="muted">{provider.email}</span>
                </td>
                <td>{provider.district ?? ''}</td>
                <td>{t.list(provider.fieldsOfActivity.map(labels.field))}</td>
                <td>
                  {provider.reviewStatus === 'pending' ? (
                    <>
                      {t.t('console.providers.pending')}{' '}
                      <ActionButton
                        view={view}
                        action={`/console/providers/${provider.id}/approve`}
                        label={t.t('console.providers.approve')}
                        ariaLabel={`${t.t('console.providers.approve')}: ${provider.name}`}
                      />
                    </>
                  ) : (
                    t.t(provider.active ? 'console.common.yes' : 'console.common.no')
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </ConsoleLayout>
  );
}

export function ProviderFormPage(props: {
  view: ConsoleView;
  labels: Labels;
  form: ProviderForm;
  id?: string;
  problems?: FieldError[];
  /** Its projects and opportunities (the provider's own page only). */
  hostWork?: { projects: Project[]; opportunities: Opportunity[] };
  /** `?done=` on the provider's own page (host-link notices). */
  done?: string;
}) {
  const { view, form, id } = props;
  const { t } = view;
  const problems = props.problems ?? [];
  return (
    <ConsoleLayout view={view} title={id ? form.name : t.t('console.providers.new')} active="providers">
      <FormErrors
        view={view}
        problems={problems}
        labels={{
          name: t.t('console.providers.name'),
          contactPerson: t.t('console.providers.contactPerson'),
          email: t.t('console.providers.email'),
          phone: t.t('console.providers.phone'),
          streetAddress: t.t('console.providers.street'),
          postalCode: t.t('console.providers.postalCode'),
          fieldsOfActivity: t.t('console.providers.fields'),
        }}
      />
      <form method="post" action={id ? `/console/providers/${id}` : '/console/providers'} class="card">
        <CsrfField view={view} />
        <div class="row">
          <InputField
            label={t.t('console.providers.name')}
            name="name"
            value={form.name}
            problems={problems}
            required
          />
          <InputField
            label={t.t('console.providers.contactPerson')}
            name="contactPerson"
            value={form.contactPerson}
            problems={problems}
            required
          />
        </div>
        <div class="row">
          <InputField
            label={t.t('console.providers.email')}
            name="email"
            type="email"
            value={form.email}
            problems={problems}
            required
          />
          <InputField
            label={t.t('console.providers.phone')}
            name="phone"
            type="tel"
            value={form.phone}
            problems={problems}
          />
        </div>
        <div class="row">
          <InputField
            label={t.t('console.providers.street')}
            name="streetAddress"
            value={form.streetAddress}
            problems={problems}
            required
          />
          <InputField
            label={t.t('console.providers.postalCode')}
            name="postalCode"
            value={form.postalCode}
            problems={problems}
            required
            attrs={{ inputmode: 'numeric', maxlength: 5 }}
          />
        </div>
        <CheckboxGroup
          legend={t.t('console.providers.fields')}
          name="fieldsOfActivity"
          choices={choicesOf(props.labels.taxonomy, 'fields', t)}
          selected={form.fieldsOfActivity}
          problems={problems}
        />
        {id ? (
          <p>
            <label class="inline">
              <input type="checkbox" name="active" value="yes" checked={form.active} />{' '}
              {t.t('console.providers.active')}
            </label>
          </p>
        ) : null}
        <p>
          <button type="submit">{t.t('console.form.save')}</button>
        </p>
      </form>
      {id && props.hostWork ? <ProviderHostLinks view={view} providerId={id} done={props.done} /> : null}
      {id && props.hostWork ? (
        <ProviderOpportunitiesSection view={view} providerId={id} {...props.hostWork} />
      ) : null}
    </ConsoleLayout>
  );
}
