import type { EntityManager } from 'typeorm';
import { queryPlacements, type PlacementSummary } from '../../placements/placements.service';

/** A volunteer's placements for the profile's "Vermittlungen" section, open and closed. */
export function loadVolunteerPlacements(
  manager: EntityManager,
  volunteerId: string,
): Promise<PlacementSummary[]> {
  return queryPlacements(manager, { volunteerId, includeClosed: true }, {});
}
