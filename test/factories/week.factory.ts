import type { DataSource } from 'typeorm';
import { HelpRequest } from '../../src/help-seekers/help-request.entity';
import { HelpSeeker } from '../../src/help-seekers/help-seeker.entity';

/**
 * An accepted assignment written straight to the database (help-seeker, matched request, accepted
 * match): the week view and the profile read them, and reaching "accepted" through the API takes a
 * matching run, an approval and an answer. `createdAt` in the past makes weekly help older than
 * today (its first date, starts_at, is computed from when it was asked).
 */
export async function insertAcceptedAssignment(
  db: DataSource,
  volunteerId: string,
  schedule: HelpRequest['schedule'],
  seekerName: string,
  options: { seeker?: Partial<HelpSeeker>; createdAt?: Date } = {},
): Promise<string> {
  const seeker = await db.getRepository(HelpSeeker).save(
    db.getRepository(HelpSeeker).create({
      name: seekerName,
      phone: '040 123456',
      email: null,
      postalCode: '22765',
      preferredContact: 'phone',
      ...options.seeker,
    }),
  );
  const request = await db.getRepository(HelpRequest).save(
    db.getRepository(HelpRequest).create({
      helpSeekerId: seeker.id,
      source: 'phone-intake',
      category: 'shopping',
      description: `Einkauf für ${seekerName}`,
      streetAddress: 'Bahrenfelder Straße 1',
      schedule,
      urgency: 'normal',
      status: 'matched',
      postalCode: '22765',
      latitude: 53.556,
      longitude: 9.928,
      district: 'Ottensen',
    }),
  );
  if (options.createdAt) {
    await db.query(`UPDATE help_request SET created_at = $2 WHERE id = $1`, [request.id, options.createdAt]);
    request.createdAt = options.createdAt;
    request.description = `${request.description}.`;
    await db.getRepository(HelpRequest).save(request);
  }
  await db.query(
    `INSERT INTO match (request_id, volunteer_id, score, rank, distance_km, breakdown, status, responded_at)
     VALUES ($1, $2, 80, 1, 1.2, '{}', 'accepted', now())`,
    [request.id, volunteerId],
  );
  return request.id;
}
