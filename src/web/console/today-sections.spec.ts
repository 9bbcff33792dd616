import { translator } from '../../i18n';
import { overdueText } from './pages/today.page';
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

describe('overdueText', () => {
  it('should say by how much a request is past its threshold, in the page language', () => {
    const de = translator('de', 'staff');
    const en = translator('en', 'staff');
    expect(overdueText(45, de)).toBe('45 Min. über der Frist');
    expect(overdueText(180, de)).toBe('3 Std. über der Frist');
    expect(overdueText(95, de)).toBe('1 Std. 35 Min. über der Frist');
    expect(overdueText(95, en)).toBe('1 h 35 min overdue');
    expect(overdueText(1500 * 60, de)).toBe('1.500 Std. über der Frist');
  });
});
