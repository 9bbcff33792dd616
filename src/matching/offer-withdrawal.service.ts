import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { OPEN_MATCH_STATUSES } from './domain/match-status';
import { Match } from './match.entity';

// minimal: replaced by the full version from branch close at merge

/** Why open proposals and offers are withdrawn (the full version picks the volunteer email's wording). */
export type OfferWithdrawalReason = 'request-closed' | 'request-changed' | 'volunteer-inactive' | 'filled';

/** Withdraws open matches (proposed, approved, offered); answered ones stay as they are. */
@Injectable()
export class OfferWithdrawalService {
  async withdraw(manager: EntityManager, matchIds: string[], reason: OfferWithdrawalReason): Promise<void> {
    void reason;
    if (matchIds.length === 0) {
      return;
    }
    await manager.update(
      Match,
      { id: In(matchIds), status: In([...OPEN_MATCH_STATUSES]) },
      { status: 'withdrawn' },
    );
  }
}
