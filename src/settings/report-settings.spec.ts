import { DEFAULT_REPORT_SETTINGS, validateReportSettings } from './report-settings';

describe('validateReportSettings', () => {
  it('merges a boolean over the base', () => {
    expect(validateReportSettings({ reportsForCoordinators: false }, DEFAULT_REPORT_SETTINGS)).toEqual({
      ok: true,
      settings: { reportsForCoordinators: false },
    });
    expect(validateReportSettings({}, { reportsForCoordinators: false })).toEqual({
      ok: true,
      settings: { reportsForCoordinators: false },
    });
  });

  it('names every wrong field and refuses what is not an object', () => {
    expect(
      validateReportSettings({ reportsForCoordinators: 'no', extra: 1 }, DEFAULT_REPORT_SETTINGS),
    ).toEqual({
      ok: false,
      errors: [
        { field: 'reportsForCoordinators', message: 'must be true or false' },
        { field: 'extra', message: 'is not a report setting' },
      ],
    });
    expect(validateReportSettings(null, DEFAULT_REPORT_SETTINGS).ok).toBe(false);
    expect(validateReportSettings([], DEFAULT_REPORT_SETTINGS).ok).toBe(false);
  });
});
