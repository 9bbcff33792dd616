import { REFRESH_REPORT_ROLLUP_JOB, REPORTS_QUEUE } from '../../src/queue/job-contracts';
import { JobQueues } from '../../src/queue/job-queues.service';
import { shownValue } from '../../src/reports/domain/small-numbers';
import { parsePeriod, type PeriodInput, type ReportPeriod } from '../../src/reports/domain/period';
import { ReportRollupService } from '../../src/reports/report-rollup.service';
import {
  BREAKDOWNS,
  engagementFigures,
  helpSeekersByPriorityGroup,
  newVolunteerAgeBands,
  timeToMatch,
  volunteerFigures,
} from '../../src/reports/reports.queries';
import { ReportsService, type Report } from '../../src/reports/reports.service';
import { addDays, berlinDateOf } from '../../src/shared/berlin-time';
import { seedReportsScenario } from '../factories/reports-scenario.factory';
import { startTestSmtpServer, TestSmtpServer } from '../helpers/smtp-test-server';
import { eventually, startTestStack, TestStack } from '../helpers/test-stack';

/**
 * The report rollup (docs/reports.md "Rollup") gives the same figures as the live SQL on the
 * hand-counted scenario of reports.e2e-spec.ts: every period kind and breakdown, the request that
 * crosses a month boundary, today read live on top of the rollup, and late edits (a request closed
 * weeks later, a request moved to another district, a volunteer who moved) before and after the
 * job ran.
 */
describe('reports: rollup equals live figures', () => {
  let smtp: TestSmtpServer;
  let stack: TestStack;
  let reports: ReportsService;
  let rollup: ReportRollupService;
  let scenario: Awaited<ReturnType<typeof seedReportsScenario>>;
  const now = new Date();
  const today = berlinDateOf(now);

  const period = (input: PeriodInput): ReportPeriod => {
    const parsed = parsePeriod(input, today);
    if (!('period' in parsed)) {
      throw new Error(`bad period ${JSON.stringify(input)}`);
    }
    return parsed.period;
  };
  const periods = () => [
    period({ kind: 'month', month: '2025-01' }),
    period({ kind: 'month', month: '2025-02' }),
    period({ kind: 'month', month: '2025-03' }),
    period({ kind: 'quarter', quarter: '2025-Q1' }),
    period({ kind: 'year', year: '2025' }),
    period({ kind: 'custom', from: '2025-01-15', to: '2025-02-14' }),
    // Whole February from the monthly sums, the edges from the days.
    period({ kind: 'custom', from: '2025-01-15', to: '2025-03-10' }),
    period({ kind: 'month', month: today.slice(0, 7) }),
    period({ kind: 'year', year: today.slice(0, 4) }),
  ];
  const shown = (
    report: Report,
    table: 'requests' | 'offers' | 'volunteers' | 'genders' | 'priority-groups',
  ) =>
    Object.fromEntries([
      ...report.tables[table].rows.map((row) => [row.key, row.cells.map(shownValue)]),
      ['total', report.tables[table].totals.map(shownValue)],
    ]);
  /** Every period × breakdown read through the rollup equals the live figures; returns how many. */
  const expectRollupEqualsLive = async (): Promise<number> => {
    let compared = 0;
    for (const each of periods()) {
      for (const breakdown of BREAKDOWNS) {
        const viaRollup = await reports.report(each, breakdown, now);
        const live = await reports.report(each, breakdown, now, 'live');
        expect({ label: each.label, breakdown, report: viaRollup }).toEqual({
          label: each.label,
          breakdown,
          report: live,
        });
        compared += 1;
      }
    }
    return compared;
  };
  /**
   * The stored distinct-person figures of every closed period (computed by grouped queries over many
   * periods at once, or live once for a custom range) are exactly the rows the live per-period
   * queries give; returns how many periods.
   */
  const expectStoredPeriodsEqualLive = async (): Promise<number> => {
    const db = stack.dataSource.manager;
    const stored = await db.query<
      { from: string; to: string; measure: string; key: string; value: number | null }[]
    >(
      `SELECT to_char(period_from, 'YYYY-MM-DD') AS from, to_char(period_to, 'YYYY-MM-DD') AS to, measure, key, value
         FROM report_period_figure ORDER BY 1, 2, 3, 4`,
    );
    const periodsStored = [...new Set(stored.map((row) => `${row.from}/${row.to}`))];
    for (const each of periodsStored) {
      const [from, to] = each.split('/');
      const until = addDays(to, 1);
      const volunteers = await volunteerFigures(db, from, until);
      const ages = await newVolunteerAgeBands(db, from, until);
      const priorityGroups = await helpSeekersByPriorityGroup(db, from, until);
      const ttm = await timeToMatch(db, from, until);
      const engagement = await engagementFigures(db, from, until, today);
      const custom = stored.some(
        (row) => `${row.from}/${row.to}` === each && row.measure === 'computed' && row.key === 'custom',
      );
      const live: [string, string, number | null][] = [
        ['computed', custom ? 'custom' : '', 1],
        ...volunteers
          .filter((row) => row.active > 0)
          .map((row): [string, string, number] => ['active', row.key, row.active]),
        ...ages.map((row): [string, string, number] => ['age', row.key, row.count]),
        ...priorityGroups.map((row): [string, string, number] => ['priority-group', row.key, row.count]),
        ['ttm-count', '', ttm.count],
        ['ttm-median', '', ttm.medianHours],
        ['ttm-p90', '', ttm.p90Hours],
        ['reached', '', engagement.helpSeekersReached],
        ['hours-volunteers', '', engagement.hoursVolunteers],
        ['enquiries', '', engagement.volunteerEnquiries],
      ];
      const rows = (list: [string, string, number | null][]) =>
        list
          .map(([measure, key, value]) => `${measure}|${key}|${value}`)
          .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect({
        period: each,
        rows: rows(
          stored
            .filter((row) => `${row.from}/${row.to}` === each)
            .map((row) => [row.measure, row.key, row.value]),
        ),
      }).toEqual({
        period: each,
        rows: rows(live),
      });
    }
    return periodsStored.length;
  };
  const customRangesStored = async (): Promise<string[]> =>
    (
      await stack.dataSource.query<{ period: string }[]>(
        `SELECT to_char(period_from, 'YYYY-MM-DD') || '/' || to_char(period_to, 'YYYY-MM-DD') AS period
           FROM report_period_figure WHERE measure = 'computed' AND key = 'custom' ORDER BY 1`,
      )
    ).map((row) => row.period);
  /**
   * A bogus +10 in the rollup shows in the report: the figures really come from it. A closed month
   * reads `report_monthly`; a range without a whole month reads the days of `report_daily`.
   */
  const expectReadFromRollup = async () => {
    const january = period({ kind: 'month', month: '2025-01' });
    const tamper = async (delta: number) =>
      stack.dataSource.query(
        `UPDATE report_monthly SET count = count + $1
          WHERE dim = 'district' AND measure = 'received' AND month = '2025-01-01'
            AND key = (SELECT min(key) FROM report_monthly WHERE dim = 'district' AND measure = 'received' AND month = '2025-01-01')`,
        [delta],
      );
    await tamper(10);
    const tampered = await reports.report(january, 'district', now);
    await tamper(-10);
    expect(tampered.tables.requests.totals[0].value).toBe(19);
    expect((await reports.report(january, 'district', now, 'live')).tables.requests.totals[0].value).toBe(9);

    const days = period({ kind: 'custom', from: '2025-01-01', to: '2025-01-20' });
    await stack.dataSource.query(
      `UPDATE report_daily SET count = count + 10 WHERE day = '2025-01-10' AND measure = 'received'`,
    );
    const tamperedDays = await reports.report(days, 'district', now);
    await stack.dataSource.query(
      `UPDATE report_daily SET count = count - 10 WHERE day = '2025-01-10' AND measure = 'received'`,
    );
    const liveDays = await reports.report(days, 'district', now, 'live');
    expect(tamperedDays.tables.requests.totals[0].value).toBe(
      Number(liveDays.tables.requests.totals[0].value) + 10,
    );
    // New volunteers by gender (summed like the other counts) and help-seekers by priority group
    // (a distinct figure per closed period) come from the rollup too.
    await stack.dataSource.query(
      `UPDATE report_monthly SET count = count + 10
        WHERE month = '2025-01-01' AND measure = 'volunteer-gender' AND dim = 'detail' AND key = 'female'`,
    );
    await stack.dataSource.query(
      `UPDATE report_period_figure SET value = value + 10
        WHERE period_from = '2025-01-01' AND period_to = '2025-01-31' AND measure = 'priority-group' AND key = 'older-people'`,
    );
    const tamperedGroups = await reports.report(january, 'district', now);
    await stack.dataSource.query(
      `UPDATE report_monthly SET count = count - 10
        WHERE month = '2025-01-01' AND measure = 'volunteer-gender' AND dim = 'detail' AND key = 'female'`,
    );
    await stack.dataSource.query(
      `UPDATE report_period_figure SET value = value - 10
        WHERE period_from = '2025-01-01' AND period_to = '2025-01-31' AND measure = 'priority-group' AND key = 'older-people'`,
    );
    expect(tamperedGroups.tables.genders.rows.find((row) => row.key === 'female')!.cells[0].value).toBe(11);
    expect(
      tamperedGroups.tables['priority-groups'].rows.find((row) => row.key === 'older-people')!.cells[0].value,
    ).toBe(13);
  };

  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    stack = await startTestStack({ smtpPort: smtp.port, worker: false });
    reports = stack.api.get(ReportsService);
    rollup = new ReportRollupService(stack.dataSource);
    scenario = await seedReportsScenario(stack.dataSource);
  });

  afterAll(async () => {
    await stack?.close();
    await smtp?.close();
  });

  it('backfills the history and then gives exactly the live figures, the crossing request in February', async () => {
    // Inserting the history logged days only as late edits; nothing is rolled up yet, so all is live.
    expect(await reports.report(period({ kind: 'month', month: '2025-01' }), 'district', now)).toEqual(
      await reports.report(period({ kind: 'month', month: '2025-01' }), 'district', now, 'live'),
    );
    const run = await rollup.refresh(now);
    expect(run).toMatchObject({ coveredUntil: today });
    expect(run!.days).toBeGreaterThan(600);
    // 2025 and later: every month, quarter and year that has ended.
    expect(run!.periods).toBeGreaterThan(20);
    const [{ dirty }] = await stack.dataSource.query<{ dirty: number }[]>(
      `SELECT count(*)::int AS dirty FROM report_dirty_day`,
    );
    expect(dirty).toBe(0);
    const [{ stored }] = await stack.dataSource.query<{ stored: number }[]>(
      `SELECT count(*)::int AS stored FROM report_period_figure WHERE period_from = '2025-01-01' AND period_to = '2025-01-31'`,
    );
    expect(stored).toBeGreaterThan(5);

    expect(await expectRollupEqualsLive()).toBe(periods().length * BREAKDOWNS.length);
    // The two closed custom ranges were computed live once and kept like calendar periods.
    expect(await customRangesStored()).toEqual(['2025-01-15/2025-02-14', '2025-01-15/2025-03-10']);
    expect(await expectStoredPeriodsEqualLive()).toBe(run!.periods + 2);
    await expectReadFromRollup();
    // …and are read from there again: a bogus +10 on the stored figure shows.
    const custom = period({ kind: 'custom', from: '2025-01-15', to: '2025-02-14' });
    const reached = async () =>
      (await reports.report(custom, 'district', now)).tables['key-figures'].rows.find(
        (row) => row.key === 'helpSeekersReached',
      )!.cells[0].value;
    const before = await reached();
    const tamperCustom = (delta: number) =>
      stack.dataSource.query(
        `UPDATE report_period_figure SET value = value + $1
          WHERE period_from = '2025-01-15' AND period_to = '2025-02-14' AND measure = 'reached'`,
        [delta],
      );
    await tamperCustom(10);
    const tamperedReached = await reached();
    await tamperCustom(-10);
    expect(tamperedReached).toBe(Number(before) + 10);
    // The hand counts of reports.e2e-spec.ts, now read from the rollup.
    const january = await reports.report(period({ kind: 'month', month: '2025-01' }), 'district', now);
    expect(shown(january, 'requests').total).toEqual(['9', '3', '< 3', '< 3', '< 3']);
    expect(shown(january, 'volunteers')).toEqual({ Ottensen: ['3', '3', '< 3'], total: ['3', '3', '< 3'] });
    expect(january.timeToMatch).toEqual({
      count: { value: 3, suppressed: false },
      medianHours: 24,
      p90Hours: 48,
    });
    expect(shown(january, 'genders')).toEqual({
      female: ['< 3'],
      male: ['< 3'],
      diverse: ['0'],
      'not-given': ['< 3'],
      total: ['< 3'],
    });
    expect(shown(january, 'priority-groups')).toEqual({
      'older-people': ['< 3'],
      'migration-background': ['< 3'],
      disability: ['< 3'],
      'not-given': ['0'],
      total: ['3'],
    });
    const february = await reports.report(period({ kind: 'month', month: '2025-02' }), 'source', now);
    // R1: received 31 January, matched 2 February.
    expect(shown(february, 'requests')).toEqual({
      'phone-intake': ['0', '< 3', '0', '0', '0'],
      total: ['0', '< 3', '0', '0', '0'],
    });
  });

  it('reads late edits live until the job ran, then from the rollup again, always equal to live', async () => {
    const { r1, r7 } = scenario.requests;
    // R1 (received 31 January, matched 2 February) is closed as done on 20 February, weeks later.
    await stack.dataSource.query(
      `UPDATE help_request SET status = 'done', closed_at = '2025-02-20T10:00:00Z' WHERE id = $1`,
      [r1],
    );
    // R7 moves to Ottensen: its January offers move with it.
    await stack.dataSource.query(`UPDATE help_request SET district = 'Ottensen' WHERE id = $1`, [r7]);
    // v1 moves to Altona-Altstadt: active in January there now.
    await stack.dataSource.query(`UPDATE volunteer SET district = 'Altona-Altstadt' WHERE id = $1`, [
      scenario.volunteers.v1,
    ]);
    // v2 changes their gender to diverse (signed up 3 January); Otto (requests of 6, 12 and 14
    // January) no longer gives a migration background.
    await stack.dataSource.query(`UPDATE volunteer SET gender = 'diverse' WHERE id = $1`, [
      scenario.volunteers.v2,
    ]);
    await stack.dataSource.query(
      `UPDATE help_seeker SET priority_groups = '{older-people}'
        WHERE id = (SELECT help_seeker_id FROM help_request WHERE id = $1)`,
      [scenario.requests.r4],
    );
    // A request received today is read live on top of the rollup (and logs no late day).
    await stack.dataSource.query(
      `INSERT INTO help_request (help_seeker_id, postal_code, latitude, longitude, district, source, category, description, schedule)
       SELECT help_seeker_id, postal_code, latitude, longitude, 'Bahrenfeld', 'public-form', 'shopping', 'today', schedule
         FROM help_request WHERE id = $1`,
      [r7],
    );
    const [{ days }] = await stack.dataSource.query<{ days: string[] }[]>(
      `SELECT array_agg(DISTINCT to_char(day, 'YYYY-MM-DD') ORDER BY to_char(day, 'YYYY-MM-DD')) AS days FROM report_dirty_day`,
    );
    expect(days).toEqual(
      expect.arrayContaining([
        '2025-01-03',
        '2025-01-06',
        '2025-01-12',
        '2025-01-14',
        '2025-01-15',
        '2025-01-31',
        '2025-02-02',
        '2025-02-20',
      ]),
    );
    expect(days.every((day) => day < today)).toBe(true);

    // Before the job: the months with late edits are read live.
    expect(await expectRollupEqualsLive()).toBe(periods().length * BREAKDOWNS.length);
    const february = period({ kind: 'month', month: '2025-02' });
    expect(shown(await reports.report(february, 'source', now), 'requests').total).toEqual([
      '0',
      '< 3',
      '< 3',
      '0',
      '0',
    ]);

    const run = await rollup.refresh(now);
    expect(run!.lateDays).toBeGreaterThanOrEqual(5);
    // Both stored custom ranges contain late days: forgotten, computed live again on their next view.
    expect(await customRangesStored()).toEqual([]);
    expect(await expectRollupEqualsLive()).toBe(periods().length * BREAKDOWNS.length);
    // The periods of the late days were recomputed (grouped by span), every stored period equals live.
    expect(await expectStoredPeriodsEqualLive()).toBeGreaterThan(20);
    await expectReadFromRollup();
    const january = await reports.report(period({ kind: 'month', month: '2025-01' }), 'district', now);
    expect(shown(january, 'volunteers')).toEqual({
      'Altona-Altstadt': ['< 3', '< 3', '0'],
      Ottensen: ['< 3', '< 3', '< 3'],
      total: ['3', '3', '< 3'],
    });
    expect(shown(january, 'offers').Ottensen[0]).toBe('4');
    expect(shown(january, 'genders')).toMatchObject({ male: ['0'], diverse: ['< 3'] });
    expect(shown(january, 'priority-groups')).toMatchObject({ 'migration-background': ['0'] });
    const thisMonth = await reports.report(
      period({ kind: 'month', month: today.slice(0, 7) }),
      'district',
      now,
    );
    expect(thisMonth.tables.requests.rows.map((row) => row.key)).toContain('Bahrenfeld');
  });

  it('counts this month and this year from the facts of the job plus the people of today, each person once', async () => {
    if (today.endsWith('-01-01')) {
      return; // no day of this year before today: nothing for the job to count yet
    }
    const yesterday = addDays(today, -1);
    const { v1, v2 } = scenario.volunteers;
    const hours = (volunteer: string, day: string) =>
      stack.dataSource.query(
        `INSERT INTO hour_entry (volunteer_id, worked_on, minutes, status, entered_by) VALUES ($1, $2, 60, 'approved', 'staff')`,
        [volunteer, day],
      );
    // Yesterday's hours are a late edit until the job has counted them into this year's facts.
    await hours(v1, yesterday);
    await rollup.refresh(now);
    const [{ facts }] = await stack.dataSource.query<{ facts: number }[]>(
      `SELECT count(*)::int AS facts FROM report_open_fact WHERE day = $1 AND measure = 'hours-volunteers'`,
      [yesterday],
    );
    expect(facts).toBe(1);
    // Today v1 again (counted already) and v2 (new): the year has both, once each.
    await hours(v1, today);
    await hours(v2, today);
    expect(await expectRollupEqualsLive()).toBe(periods().length * BREAKDOWNS.length);
    const thisYear = period({ kind: 'year', year: today.slice(0, 4) });
    const hoursVolunteers = async (source: 'auto' | 'live') =>
      (await reports.report(thisYear, 'district', now, source)).tables['key-figures'].rows.find(
        (row) => row.key === 'hoursVolunteers',
      )!.cells[0].value;
    const live = await hoursVolunteers('live');
    // The stored count is really read: a bogus +10 shows.
    const tamper = (delta: number) =>
      stack.dataSource.query(
        `UPDATE report_open_figure SET value = value + $1 WHERE period_from = $2 AND measure = 'hours-volunteers'`,
        [delta, `${today.slice(0, 4)}-01-01`],
      );
    await tamper(10);
    const tampered = await hoursVolunteers('auto');
    await tamper(-10);
    expect(tampered).toBe(Number(live) + 10);
  });

  it('runs as the reports queue job in the worker', async () => {
    await stack.dataSource.query(`UPDATE report_rollup_state SET refreshed_at = '2000-01-01T00:00:00Z'`);
    await stack.startWorker();
    await stack.api.get(JobQueues).get(REPORTS_QUEUE).add(REFRESH_REPORT_ROLLUP_JOB, {});
    const refreshed = await eventually(
      'the rollup job to run',
      async () => {
        const [row] = await stack.dataSource.query<{ refreshed_at: Date }[]>(
          `SELECT refreshed_at FROM report_rollup_state WHERE id = 1`,
        );
        return row.refreshed_at.getUTCFullYear() > 2000 ? row.refreshed_at : null;
      },
      30_000,
    );
    expect(refreshed.getTime()).toBeGreaterThan(now.getTime() - 60_000);
  });
});
