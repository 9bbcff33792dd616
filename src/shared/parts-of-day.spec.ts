import { choicesOfSlots, slotOfChoice, submittedOrFinerSlots } from './parts-of-day';

describe('submittedOrFinerSlots', () => {
  const exact = [
    { weekday: 2, start: '09:30', end: '11:00' },
    { weekday: 4, start: '14:15', end: '16:00' },
  ];

  it('should keep the exact stored times when the form comes back with the same parts of day', () => {
    const submitted = choicesOfSlots(exact).map((choice) => slotOfChoice(choice)!);
    expect(submitted).toEqual([
      { weekday: 2, start: '09:00', end: '12:00' },
      { weekday: 4, start: '13:00', end: '17:00' },
    ]);
    expect(submittedOrFinerSlots(exact, submitted)).toBe(exact);
  });

  it('should take the submitted parts of day when the volunteer ticked another one', () => {
    const submitted = [...choicesOfSlots(exact), '6-morning'].map((choice) => slotOfChoice(choice)!);
    expect(submittedOrFinerSlots(exact, submitted)).toBe(submitted);
  });

  it('should take the submitted parts of day when one was unticked', () => {
    const submitted = [slotOfChoice('2-morning')!];
    expect(submittedOrFinerSlots(exact, submitted)).toBe(submitted);
  });
});
