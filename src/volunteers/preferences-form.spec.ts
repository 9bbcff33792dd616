import { parsePreferencesForm, preferencesPage, type VolunteerPreferences } from './preferences-form';

const valid = {
  offerDelivery: 'daily-digest',
  maxOffersPerWeek: '2',
  awayUntil: '2026-12-24',
  quietStart: '21:30',
  quietEnd: '07:00',
  locale: 'en',
};

describe('parsePreferencesForm', () => {
  it('should read a complete form', () => {
    expect(parsePreferencesForm(valid)).toEqual({
      ok: true,
      value: {
        offerDelivery: 'daily-digest',
        maxOffersPerWeek: 2,
        awayUntil: '2026-12-24',
        quietHours: '21:30-07:00',
        locale: 'en',
      },
    });
  });

  it('should read empty pause and quiet hours as none', () => {
    const parsed = parsePreferencesForm({ ...valid, awayUntil: '', quietStart: '', quietEnd: '' });
    expect(parsed).toMatchObject({ ok: true, value: { awayUntil: null, quietHours: null } });
  });

  it.each([
    ['offerDelivery', { offerDelivery: 'weekly' }],
    ['maxOffersPerWeek', { maxOffersPerWeek: '0' }],
    ['maxOffersPerWeek', { maxOffersPerWeek: '2.5' }],
    ['maxOffersPerWeek', { maxOffersPerWeek: '' }],
    ['awayUntil', { awayUntil: '2026-02-30' }],
    ['awayUntil', { awayUntil: 'morgen' }],
    ['quietHours', { quietStart: '21:00', quietEnd: '' }],
    ['quietHours', { quietStart: '21:00', quietEnd: '21:00' }],
    ['quietHours', { quietStart: '25:00', quietEnd: '08:00' }],
    ['locale', { locale: 'fr' }],
    ['locale', { locale: ['de', 'en'] }],
  ])('should name %s when it is wrong (%p)', (field, change) => {
    expect(parsePreferencesForm({ ...valid, ...change })).toMatchObject({ ok: false, field });
  });
});

describe('preferencesPage', () => {
  const current: VolunteerPreferences = {
    offerDelivery: 'immediate',
    maxOffersPerWeek: 3,
    awayUntil: null,
    quietHours: '21:00-08:00',
    locale: 'de',
  };

  it('should show the current settings in a form that only a POST submits', () => {
    const html = preferencesPage('de', current, '/preferences/abc');
    expect(html).toContain('<form method="post" action="/preferences/abc">');
    expect(html).toContain('value="immediate" checked');
    expect(html).toContain('name="quietStart" type="time" value="21:00"');
    expect(html).toContain('<option value="de" selected>');
    expect(html).not.toMatch(/<script/i);
  });

  it('should escape what it echoes', () => {
    const html = preferencesPage('en', current, '/preferences/"x"', '<b>bad</b>');
    expect(html).toContain('action="/preferences/&quot;x&quot;"');
    expect(html).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });
});
