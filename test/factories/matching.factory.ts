import { DataSource } from 'typeorm';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { daysAhead } from './api-bodies.factory';

/**
 * A further request of the same help-seeker, written straight to the database: staff intake and the
 * public form always create a new help_seeker row, so "the same person asks again" has no endpoint
 * yet. It copies place, category and needs of `previousId`; by default it waits for a matching run
 * (status 'matching', round 1) that the test starts itself, e.g. with MatchingService.matchRequest.
 */
export async function insertRequestOfSameHelpSeeker(
  dataSource: DataSource,
  previousId: string,
  overrides: Partial<HelpRequest> = {},
): Promise<HelpRequest> {
  const repository = dataSource.getRepository(HelpRequest);
  const previous = await repository.findOneByOrFail({ id: previousId });
  if (!previous.helpSeekerId) {
    throw new Error(`request ${previousId} has no help-seeker to ask again`);
  }
  return repository.save(
    repository.create({
      helpSeekerId: previous.helpSeekerId,
      source: previous.source,
      category: previous.category,
      description: `${previous.description} (erneut)`,
      streetAddress: previous.streetAddress,
      neededSkills: previous.neededSkills,
      niceToHaveSkills: previous.niceToHaveSkills,
      neededLanguage: previous.neededLanguage,
      requiresCertificate: previous.requiresCertificate,
      schedule: { kind: 'one-off', date: daysAhead(10), start: '10:00', end: '11:30' },
      urgency: previous.urgency,
      status: 'matching',
      matchingRound: 1,
      postalCode: previous.postalCode,
      latitude: previous.latitude,
      longitude: previous.longitude,
      district: previous.district,
      ...overrides,
    }),
  );
}
