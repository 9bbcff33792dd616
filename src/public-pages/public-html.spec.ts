import { translator } from './i18n';
import { choiceField, errorSummary, publicPage, textField } from './public-html';

describe('public page building blocks', () => {
  const tr = translator('de');

  it('should tie a field to its hint and its error, keep the typed value, and mark it invalid', () => {
    const html = textField(
      tr,
      { values: { postalCode: '2276"<' }, errors: { postalCode: 'error.postalCode' } },
      { name: 'postalCode', label: 'help.postalCode', hint: 'help.postalCodeHint', required: true },
    );
    expect(html).toContain('<label for="f-postalCode">');
    expect(html).toContain('aria-describedby="f-postalCode-hint f-postalCode-error"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('id="f-postalCode-error">Bitte geben Sie eine Postleitzahl mit 5 Ziffern an');
    expect(html).toContain('value="2276&quot;&lt;"');
  });

  it('should link each error in the summary to its field, in the order of the form', () => {
    const html = errorSummary(
      tr,
      { values: {}, errors: { name: 'error.name', category: 'error.category' } },
      ['category', 'name'],
    );
    expect(html.indexOf('href="#f-category"')).toBeLessThan(html.indexOf('href="#f-name"'));
    expect(html).toContain('role="alert"');
    expect(errorSummary(tr, { values: {}, errors: {} }, ['name'])).toBe('');
  });

  it('should give a radio group one id to land on and keep the choice', () => {
    const html = choiceField(
      tr,
      { values: { timeOfDay: 'evening' }, errors: {} },
      {
        name: 'timeOfDay',
        legend: 'help.timeOfDay',
        type: 'radio',
        options: [
          { value: 'morning', label: 'vormittags' },
          { value: 'evening', label: 'abends' },
        ],
      },
    );
    expect(html).toContain('id="f-timeOfDay" name="timeOfDay" value="morning"');
    expect(html).toMatch(/id="f-timeOfDay-1" name="timeOfDay" value="evening" checked/);
    expect(html).toContain('<legend>Zu welcher Tageszeit?</legend>');
  });

  it('should set the language and writing direction of the page and offer the other languages', () => {
    const arabic = { ...translator('de'), locale: 'ar', dir: 'rtl' as const };
    expect(publicPage({ tr: arabic, title: 'x', body: '', path: '/help' })).toContain(
      '<html lang="ar" dir="rtl">',
    );
    const german = publicPage({ tr, title: 'Hilfe', body: '', path: '/help' });
    expect(german).toContain('<html lang="de" dir="ltr">');
    expect(german).toContain('href="/help?lang=en" lang="en" hreflang="en">English</a>');
    expect(german).toContain('<span aria-current="true" lang="de">Deutsch</span>');
  });
});
