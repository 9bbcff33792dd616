import { DEFAULT_MATCHING_SETTINGS, validateMatchingSettings } from './matching-settings';

describe('matching settings: review public requests first', () => {
  it('should review public requests first by default', () => {
    expect(DEFAULT_MATCHING_SETTINGS.reviewPublicRequestsFirst).toBe(true);
  });

  it('should keep the current value when the change leaves it out, and take a boolean', () => {
    expect(validateMatchingSettings({ autoOffer: true }, DEFAULT_MATCHING_SETTINGS)).toMatchObject({
      ok: true,
      settings: { reviewPublicRequestsFirst: true, autoOffer: true },
    });
    expect(
      validateMatchingSettings({ reviewPublicRequestsFirst: false }, DEFAULT_MATCHING_SETTINGS),
    ).toMatchObject({
      ok: true,
      settings: { reviewPublicRequestsFirst: false },
    });
  });

  it('should name the field when it is not true or false', () => {
    expect(validateMatchingSettings({ reviewPublicRequestsFirst: 'yes' }, DEFAULT_MATCHING_SETTINGS)).toEqual(
      {
        ok: false,
        errors: [{ field: 'reviewPublicRequestsFirst', message: 'must be true or false' }],
      },
    );
  });
});
