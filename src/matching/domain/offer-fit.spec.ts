import { stillFits } from './offer-fit';

describe('stillFits', () => {
  const explanation = { de: 'x', en: 'x' };

  it('should keep an eligible volunteer', () => {
    expect(stillFits({ eligible: true, distanceKm: 1 })).toBe(true);
  });

  it('should drop a volunteer a hard rule about the request now excludes', () => {
    for (const reason of [
      'language-missing',
      'certificate-missing',
      'outside-radius',
      'not-available',
    ] as const) {
      expect(stillFits({ eligible: false, reason, explanation })).toBe(false);
    }
  });

  it('should not count the load rules the offer itself counts toward', () => {
    expect(stillFits({ eligible: false, reason: 'at-capacity', explanation })).toBe(true);
    expect(stillFits({ eligible: false, reason: 'weekly-offer-cap', explanation })).toBe(true);
  });
});
