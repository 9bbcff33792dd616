import { Injectable } from '@nestjs/common';
import { EntityManager, In } from 'typeorm';
import { matchStatusesLeadingTo } from './domain/match-status';
import { Match } from './match.entity';

export type OfferWithdrawalReason = 'request-closed' | 'request-changed' | 'volunteer-inactive' | 'filled';

// minimal: replaced by the full version from branch close at merge
/** Withdraws open proposals and offers (status change only in this minimal version). */
@Injectable()
export class OfferWithdrawalService {
  async withdraw(manager: EntityManager, matchIds: string[], _reason: OfferWithdrawalReason): Promise<void> {
    if (matchIds.length === 0) {
      return;
    }
    const open = matchStatusesLeadingTo('withdrawn').filter((status) => status !== 'accepted');
    await manager.update(Match, { id: In(matchIds), status: In(open) }, { status: 'withdrawn' });
  }
}
