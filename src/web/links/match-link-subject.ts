import type { DataSource } from 'typeorm';
import { HelpRequest } from '../../help-seekers/help-request.entity';
import { Match } from '../../matching/match.entity';
import type { LinkClaims } from '../../shared/signed-links';
import { Volunteer } from '../../volunteers/volunteer.entity';
import type { LinkSubject } from './signed-link-pages';

/** What an offer or drop-out link names: the match, its request, and the volunteer it was sent to. */
export interface MatchLinkSubject {
  match: Match;
  request: HelpRequest;
  volunteer: Volunteer;
}

/** Loads a match link's subject; null when the match is gone or the volunteer was erased. */
export async function loadMatchLinkSubject(
  dataSource: DataSource,
  claims: LinkClaims,
): Promise<LinkSubject<MatchLinkSubject> | null> {
  const match = await dataSource.getRepository(Match).findOneBy({ id: claims.subjectId });
  if (!match) {
    return null;
  }
  const [request, volunteer] = await Promise.all([
    dataSource.getRepository(HelpRequest).findOneByOrFail({ id: match.requestId }),
    dataSource.getRepository(Volunteer).findOneByOrFail({ id: match.volunteerId }),
  ]);
  // An erased person's links lead nowhere.
  return volunteer.erasedAt === null ? { subject: { match, request, volunteer }, holder: volunteer } : null;
}
