import { checkStageMove, OPEN_STAGES, PLACEMENT_STAGES } from './placement-stage';

describe('placement stage rules', () => {
  it('should let staff move forward, skipping stages, but never back', () => {
    expect(checkStageMove('interested', 'advised', 'staff')).toEqual({ ok: true });
    expect(checkStageMove('interested', 'started', 'staff')).toEqual({ ok: true });
    expect(checkStageMove('trial', 'advised', 'staff')).toMatchObject({ ok: false });
    expect(checkStageMove('proposed', 'proposed', 'staff')).toMatchObject({ ok: false });
  });

  it('should let nothing leave a final stage', () => {
    for (const to of PLACEMENT_STAGES) {
      expect(checkStageMove('ended', to, 'staff').ok).toBe(false);
      expect(checkStageMove('declined', to, 'staff').ok).toBe(false);
    }
  });

  it('should end only a started placement and decline only one not yet started', () => {
    expect(checkStageMove('trial', 'ended', 'staff')).toMatchObject({ ok: false });
    expect(checkStageMove('started', 'ended', 'staff')).toEqual({ ok: true });
    expect(checkStageMove('started', 'declined', 'host')).toMatchObject({ ok: false });
    for (const from of OPEN_STAGES.filter((stage) => stage !== 'started')) {
      expect(checkStageMove(from, 'declined', 'staff')).toEqual({ ok: true });
    }
  });

  it('should let a host record only its side, and only once the agency proposed the volunteer', () => {
    expect(checkStageMove('proposed', 'host-contacted', 'host')).toEqual({ ok: true });
    expect(checkStageMove('host-contacted', 'trial', 'host')).toEqual({ ok: true });
    expect(checkStageMove('trial', 'started', 'host')).toEqual({ ok: true });
    expect(checkStageMove('interested', 'host-contacted', 'host')).toMatchObject({ ok: false });
    expect(checkStageMove('interested', 'advised', 'host')).toMatchObject({ ok: false });
    expect(checkStageMove('proposed', 'declined', 'host')).toEqual({ ok: true });
  });

  it('should let a volunteer only decline or end', () => {
    expect(checkStageMove('interested', 'declined', 'volunteer')).toEqual({ ok: true });
    expect(checkStageMove('started', 'ended', 'volunteer')).toEqual({ ok: true });
    expect(checkStageMove('interested', 'advised', 'volunteer')).toMatchObject({ ok: false });
  });
});
