import { translator } from '../../i18n';
import { volunteerText } from '../shell/volunteer-text';
import { renderEmail } from './render-email';
import { SAMPLE_MODELS } from './samples';

describe('what a volunteer reads about a request', () => {
  it('should be the staff-approved short text, else a neutral text from the category, never the description', () => {
    const de = translator('de', 'public');
    expect(volunteerText(de, { volunteerSummary: ' Wocheneinkauf, eine Stunde ' }, 'Einkaufshilfe')).toBe(
      'Wocheneinkauf, eine Stunde',
    );
    expect(volunteerText(de, { volunteerSummary: null }, 'Einkaufshilfe')).toBe(
      'Einkaufshilfe. Die Einzelheiten besprechen wir mit Ihnen, sobald Sie zugesagt haben.',
    );
    expect(volunteerText(translator('tr', 'public'), { volunteerSummary: '' }, 'Alışveriş')).toContain(
      'Alışveriş',
    );
  });

  it('should show the consented accessibility needs to the volunteer who accepted, and nothing without them', () => {
    const withNeeds = renderEmail('volunteer-confirmation', 'de', {
      ...SAMPLE_MODELS['volunteer-confirmation'],
      accessibilityNeeds: ['Rollstuhl', 'Hörgerät'],
    });
    expect(withNeeds.text).toContain('Bitte beachten (mit Einwilligung der Person)');
    expect(withNeeds.text).toContain('Rollstuhl, Hörgerät');
    const without = renderEmail('volunteer-confirmation', 'de', {
      ...SAMPLE_MODELS['volunteer-confirmation'],
      accessibilityNeeds: [],
    });
    expect(without.text).not.toContain('Bitte beachten');
  });
});
