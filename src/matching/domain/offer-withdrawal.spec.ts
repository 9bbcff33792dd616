import { volunteerIsTold } from './offer-withdrawal';

describe('who hears that an offer was withdrawn', () => {
  it('should tell a volunteer who was sent the offer, and nobody who never saw it', () => {
    expect(volunteerIsTold('offered', false)).toBe(true);
    expect(volunteerIsTold('approved', true)).toBe(true);
    // Approved but still waiting (quiet hours, digest): the offer email is cancelled instead.
    expect(volunteerIsTold('approved', false)).toBe(false);
    expect(volunteerIsTold('proposed', false)).toBe(false);
  });
});
