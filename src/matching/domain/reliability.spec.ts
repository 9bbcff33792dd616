import { rateReliability, rateResponsiveness } from './score';
import { aVolunteer, TEST_POLICY } from './test-fixtures';

describe('reliability (part of responsiveness)', () => {
  it('says nothing without recorded no-shows or late cancellations', () => {
    expect(
      rateReliability(aVolunteer({ attendance: { assignments: 5, noShows: 0, lateCancellations: 0 } })),
    ).toBeNull();
    expect(rateResponsiveness(aVolunteer(), TEST_POLICY).applicable).toBe(false);
  });

  it('a no-show costs a whole assignment, a late cancellation half of one, and is explained', () => {
    const volunteer = aVolunteer({
      answerHistory: { offered: 4, answered: 4 },
      attendance: { assignments: 4, noShows: 1, lateCancellations: 1 },
    });
    const rating = rateResponsiveness(volunteer, TEST_POLICY);
    expect(rating.applicable).toBe(true);
    expect(rating.fit).toBeCloseTo(1 - 1.5 / 4, 9);
    expect(rating.explanation).toEqual({
      de: 'antwortet auf 100 % der Anfragen; 1 × nicht erschienen, 1 × kurzfristig abgesagt (bei 4 Einsätzen)',
      en: 'answers 100% of offers; 1 × no-show, 1 × late cancellation (of 4 assignments)',
    });
  });

  it('applies before there is an answer rate, and never below 0', () => {
    const rating = rateResponsiveness(
      aVolunteer({ attendance: { assignments: 1, noShows: 2, lateCancellations: 0 } }),
      TEST_POLICY,
    );
    expect(rating).toMatchObject({ applicable: true, fit: 0 });
    expect(rating.explanation.de).toBe('2 × nicht erschienen (bei 2 Einsätzen)');
  });

  it('lowers the fit monotonically with every recorded no-show', () => {
    let last = 2;
    for (let noShows = 0; noShows <= 5; noShows += 1) {
      const fit = rateResponsiveness(
        aVolunteer({
          answerHistory: { offered: 5, answered: 5 },
          attendance: { assignments: 5, noShows, lateCancellations: 0 },
        }),
        TEST_POLICY,
      ).fit;
      expect(fit).toBeLessThan(last);
      last = fit;
    }
  });
});
