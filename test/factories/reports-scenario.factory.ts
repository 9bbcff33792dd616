import type { DataSource } from 'typeorm';
import { insertOpportunity, insertProvider, insertVolunteer } from './opportunities.factory';

/**
 * The hand-counted January 2025 scenario of test/e2e/reports.e2e-spec.ts (the counts are worked out
 * there), for tests that compare ways of computing the same figures (the report rollup).
 */
export async function seedReportsScenario(db: DataSource): Promise<{
  requests: Record<'r1' | 'r2' | 'r3' | 'r4' | 'r7' | 'r8', string>;
  volunteers: Record<'v1' | 'v2' | 'v3' | 'v4', string>;
}> {
  const seeker = async (name: string, priorityGroups: string[] = []) =>
    (
      await db.query<{ id: string }[]>(
        `INSERT INTO help_seeker (name, postal_code, preferred_contact, priority_groups)
         VALUES ($1, '22765', 'phone', $2::text[]) RETURNING id`,
        [name, priorityGroups],
      )
    )[0].id;
  // Priority groups (help-seekers reached by group): a person in two groups counts in each.
  const [hs1, hs2, hs3] = [
    await seeker('Helga', ['older-people', 'disability']),
    await seeker('Otto', ['older-people', 'migration-background']),
    await seeker('Erna', ['older-people']),
  ];
  const request = async (
    seekerId: string,
    district: string,
    source: string,
    createdAt: string,
    more: { matchedAt?: string; closedAt?: string; status?: string; reason?: string } = {},
  ) =>
    (
      await db.query<{ id: string }[]>(
        `INSERT INTO help_request (help_seeker_id, postal_code, latitude, longitude, district, source, category, description,
           schedule, status, created_at, matched_at, closed_at, close_reason)
         VALUES ($1, '22765', 53.55, 9.93, $2, $3, 'shopping', 'x', '{"kind":"one-off","date":"2025-01-20","start":"10:00","end":"11:00"}',
           $4, $5, $6, $7, $8) RETURNING id`,
        [
          seekerId,
          district,
          source,
          more.status ?? 'open',
          createdAt,
          more.matchedAt ?? null,
          more.closedAt ?? null,
          more.reason ?? null,
        ],
      )
    )[0].id;
  // Ottensen: R1 received 31 Jan, matched 2 Feb (48 h; crosses the month); R2 matched after 24 h, done;
  // R3 matched after 10 h; R11 received 31 Jan 23:30 Berlin (22:30 UTC): January in Berlin.
  const r1 = await request(hs1, 'Ottensen', 'phone-intake', '2025-01-31T11:00:00Z', {
    matchedAt: '2025-02-02T11:00:00Z',
    status: 'matched',
  });
  const r2 = await request(hs1, 'Ottensen', 'phone-intake', '2025-01-10T09:00:00Z', {
    matchedAt: '2025-01-11T09:00:00Z',
    closedAt: '2025-01-20T12:00:00Z',
    status: 'done',
  });
  const r3 = await request(hs1, 'Ottensen', 'public-form', '2025-01-05T08:00:00Z', {
    matchedAt: '2025-01-05T18:00:00Z',
    status: 'matched',
  });
  await request(hs3, 'Ottensen', 'public-form', '2025-01-31T22:30:00Z');
  // Altona-Altstadt: R4 matched after 48 h; R5 cancelled; R6 unfulfilled (nobody fits).
  const r4 = await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-06T09:00:00Z', {
    matchedAt: '2025-01-08T09:00:00Z',
    status: 'matched',
  });
  await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-12T09:00:00Z', {
    closedAt: '2025-01-13T09:00:00Z',
    status: 'cancelled',
  });
  await request(hs2, 'Altona-Altstadt', 'phone-intake', '2025-01-14T09:00:00Z', {
    closedAt: '2025-01-28T09:00:00Z',
    status: 'unfulfilled',
    reason: 'nobody-fits',
  });
  // Bahrenfeld: two open requests and one rejected as spam (not an enquiry).
  const r7 = await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-15T09:00:00Z');
  const r8 = await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-16T09:00:00Z');
  await request(hs3, 'Bahrenfeld', 'public-form', '2025-01-18T09:00:00Z', {
    closedAt: '2025-01-18T10:00:00Z',
    status: 'rejected',
    reason: 'spam',
  });
  // March: a district name a spreadsheet would run as a formula (CSV neutralising).
  for (const day of ['03', '04', '05']) {
    await request(hs3, '=HYPERLINK("x")', 'public-form', `2025-03-${day}T09:00:00Z`);
  }
  // March, for the priority groups: Erna (older people) above, Gustav (older people) and three
  // people who gave no group, one request each in Bahrenfeld.
  for (const [name, groups, day] of [
    ['Gustav', ['older-people'], '10'],
    ['Lotte', [], '11'],
    ['Paul', [], '12'],
    ['Ida', [], '13'],
  ] as const) {
    await request(await seeker(name, [...groups]), 'Bahrenfeld', 'phone-intake', `2025-03-${day}T09:00:00Z`);
  }

  // Gender: v1 female, v2 male, v3 not given (January); March below.
  const v1 = await insertVolunteer(db, { birthDate: '1990-05-01', gender: 'female' });
  const v2 = await insertVolunteer(db, { birthDate: '1950-01-01', gender: 'male' });
  const v3 = await insertVolunteer(db);
  const v4 = await insertVolunteer(db);
  await db.query(`UPDATE volunteer SET birth_date = NULL WHERE id = $1`, [v3.id]);
  await db.query(`UPDATE volunteer SET created_at = '2025-01-03T10:00:00Z' WHERE id = ANY($1)`, [
    [v1.id, v2.id, v3.id],
  ]);
  await db.query(
    `UPDATE volunteer SET created_at = '2024-06-01T10:00:00Z', erased_at = '2025-01-20T10:00:00Z' WHERE id = $1`,
    [v4.id],
  );
  // March: 4 female, 1 male, 3 not given.
  for (const gender of ['female', 'female', 'female', 'female', 'male', null, null, null] as const) {
    const volunteer = await insertVolunteer(db, { gender });
    await db.query(`UPDATE volunteer SET created_at = '2025-03-20T10:00:00Z' WHERE id = $1`, [volunteer.id]);
  }
  let rank = 0;
  const match = async (requestId: string, volunteerId: string, status: string, offeredAt: string) => {
    rank += 1;
    await db.query(
      `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, offered_at, responded_at)
       VALUES ($1, $2, 1, $3, 1, '{}', $4, $5, CASE WHEN $4 IN ('accepted', 'declined') THEN $5::timestamptz + interval '1 hour' END)`,
      [requestId, volunteerId, rank, status, offeredAt],
    );
  };
  await match(r2, v1.id, 'accepted', '2025-01-10T12:00:00Z');
  await match(r3, v2.id, 'accepted', '2025-01-05T12:00:00Z');
  await match(r4, v3.id, 'accepted', '2025-01-07T12:00:00Z');
  await match(r4, v1.id, 'declined', '2025-01-06T12:00:00Z');
  await match(r7, v2.id, 'expired', '2025-01-15T12:00:00Z');
  await match(r8, v3.id, 'expired', '2025-01-16T12:00:00Z');
  await match(r7, v1.id, 'expired', '2025-01-15T13:00:00Z');
  await match(r1, v3.id, 'accepted', '2025-02-01T12:00:00Z');

  const provider = await insertProvider(db);
  const opportunity = await insertOpportunity(db, provider.id);
  const placement = (volunteerId: string, proposedAt: string, startedOn: string, endedOn: string | null) =>
    db.query(
      `INSERT INTO placement (volunteer_id, opportunity_id, source, stage, proposed_at, started_on, ended_on)
       VALUES ($1, $2, 'staff', $3, $4, $5, $6)`,
      [volunteerId, opportunity.id, endedOn ? 'ended' : 'started', proposedAt, startedOn, endedOn],
    );
  await placement(v1.id, '2025-01-05T10:00:00Z', '2025-01-10', null);
  await placement(v2.id, '2025-01-06T10:00:00Z', '2025-01-12', '2025-02-15');
  await placement(v3.id, '2025-01-07T10:00:00Z', '2025-01-20', '2025-06-01');
  for (const [volunteerId, heldOn] of [
    [v1.id, '2025-01-04'],
    [v2.id, '2025-01-05'],
    [v3.id, '2025-01-31'],
    [v1.id, '2025-02-01'],
  ]) {
    await db.query(`INSERT INTO advisory_interview (volunteer_id, held_on) VALUES ($1, $2)`, [
      volunteerId,
      heldOn,
    ]);
  }
  for (const [volunteerId, minutes, status] of [
    [v1.id, 120, 'approved'],
    [v2.id, 90, 'approved'],
    [v3.id, 30, 'approved'],
    [v1.id, 600, 'submitted'],
  ] as const) {
    await db.query(
      `INSERT INTO hour_entry (volunteer_id, worked_on, minutes, status, entered_by) VALUES ($1, '2025-01-15', $2, $3, 'volunteer')`,
      [volunteerId, minutes, status],
    );
  }
  return {
    requests: { r1, r2, r3, r4, r7, r8 },
    volunteers: { v1: v1.id, v2: v2.id, v3: v3.id, v4: v4.id },
  };
}
