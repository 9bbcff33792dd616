import { compareSections, placeOnce, TODAY_SECTION_ORDER, type SectionCandidate } from './today-sections';

describe('Heute sections', () => {
  it('should put escalation first, then overdue, call-backs, nobody fits, declines, new requests, then proposals and offers', () => {
    expect(TODAY_SECTION_ORDER.slice(0, 8)).toEqual([
      'escalated',
      'overdue',
      'callBack',
      'noEligible',
      'declined',
      'new',
      'review',
      'offered',
    ]);
    expect(compareSections('escalated', 'overdue')).toBeLessThan(0);
    expect(compareSections('offered', 'review')).toBeGreaterThan(0);
  });

  it('should show a request once, in the most pressing section it qualifies for', () => {
    const candidates: SectionCandidate<string>[] = [
      { section: 'review', requestId: 'a', item: 'a in review' },
      { section: 'new', requestId: 'b', item: 'b new' },
      { section: 'overdue', requestId: 'a', item: 'a overdue' },
      { section: 'appointments', requestId: 'c', item: 'c today' },
      { section: 'offered', requestId: 'c', item: 'c offered' },
      { section: 'escalated', requestId: 'c', item: 'c escalated' },
      { section: 'undeliverable', requestId: null, item: 'mail 1' },
      { section: 'undeliverable', requestId: null, item: 'mail 2' },
      { section: 'offered', requestId: 'd', item: 'd offer 1' },
      { section: 'offered', requestId: 'd', item: 'd offer 2' },
    ];
    const sections = Object.fromEntries(placeOnce(candidates).map(({ key, items }) => [key, items]));
    expect(sections.escalated).toEqual(['c escalated']);
    expect(sections.overdue).toEqual(['a overdue']);
    expect(sections.new).toEqual(['b new']);
    expect(sections.review).toEqual([]);
    expect(sections.appointments).toEqual([]);
    expect(sections.offered).toEqual(['d offer 1']);
    expect(sections.undeliverable).toEqual(['mail 1', 'mail 2']);
    const all = Object.values(sections).flat();
    expect(all).toHaveLength(6);
  });

  it('should list every section in order, empty ones included', () => {
    expect(placeOnce([]).map(({ key }) => key)).toEqual([...TODAY_SECTION_ORDER]);
  });
});
