import type { DataSource } from 'typeorm';
import { Opportunity } from '../../src/opportunities/opportunity.entity';
import { Project } from '../../src/opportunities/project.entity';
import { Provider } from '../../src/providers/provider.entity';
import { Volunteer } from '../../src/volunteers/volunteer.entity';

/**
 * Hosts, projects and opportunities written straight to the database, for tests about what comes
 * after (matching, placements, host page, reports). Defaults: an approved host in Ottensen and a
 * published weekly opportunity there, Tuesdays 15–17 Uhr, review-by in two months.
 */
export async function insertProvider(db: DataSource, overrides: Partial<Provider> = {}): Promise<Provider> {
  const repository = db.getRepository(Provider);
  return repository.save(
    repository.create({
      name: 'Seniorentreff Ottensen',
      contactPerson: 'Frau Jansen',
      email: `host-${Math.random().toString(36).slice(2, 10)}@example.org`,
      phone: '040 390 1234',
      streetAddress: 'Bei der Reitbahn 3',
      postalCode: '22763',
      latitude: 53.5507,
      longitude: 9.9272,
      district: 'Ottensen',
      fieldsOfActivity: ['SEN'],
      active: true,
      reviewStatus: 'approved',
      ...overrides,
    }),
  );
}

export async function insertProject(
  db: DataSource,
  providerId: string,
  title = 'Besuchsdienst',
): Promise<Project> {
  const repository = db.getRepository(Project);
  return repository.save(repository.create({ providerId, title, description: null }));
}

const inTwoMonths = (): string => new Date(Date.now() + 60 * 24 * 3600_000).toISOString().slice(0, 10);

export async function insertOpportunity(
  db: DataSource,
  providerId: string,
  overrides: Partial<Opportunity> = {},
): Promise<Opportunity> {
  const repository = db.getRepository(Opportunity);
  return repository.save(
    repository.create({
      providerId,
      title: 'Spielenachmittag begleiten',
      description: 'Sie spielen mit unseren Gästen Karten und Brettspiele und trinken Kaffee mit ihnen.',
      tasks: 'Spiele vorbereiten, mitspielen, Kaffee kochen',
      fieldsOfActivity: ['SEN'],
      remote: false,
      postalCode: '22763',
      latitude: 53.5507,
      longitude: 9.9272,
      district: 'Ottensen',
      streetAddress: 'Bei der Reitbahn 3',
      timePattern: { kind: 'weekly', slots: [{ weekday: 2, start: '15:00', end: '17:00' }] },
      minCommitmentMonths: 6,
      places: 2,
      requiresCertificate: false,
      minimumAge: null,
      languages: [],
      skills: ['visiting'],
      forNewcomers: true,
      littleGermanOk: false,
      accessible: true,
      hostOffers: ['induction', 'insurance'],
      status: 'published',
      reviewBy: inTwoMonths(),
      submittedBy: 'staff',
      publishedAt: new Date(),
      ...overrides,
    }),
  );
}

/** An active, confirmed volunteer in Ottensen, free Tuesday afternoons; override what the test is about. */
export async function insertVolunteer(
  db: DataSource,
  overrides: Partial<Volunteer> = {},
): Promise<Volunteer> {
  const repository = db.getRepository(Volunteer);
  const suffix = Math.random().toString(36).slice(2, 10);
  return repository.save(
    repository.create({
      name: `Freiwillige ${suffix}`,
      email: `volunteer-${suffix}@example.org`,
      phone: null,
      languages: [{ code: 'de', level: 'native' }],
      skills: ['visiting'],
      interests: ['SEN'],
      postalCode: '22765',
      latitude: 53.556,
      longitude: 9.928,
      district: 'Ottensen',
      maxTravelKm: 5,
      availability: [{ weekday: 2, start: '14:00', end: '18:00' }],
      birthDate: '1980-05-01',
      status: 'active',
      emailConfirmedAt: new Date(),
      ...overrides,
    }),
  );
}
