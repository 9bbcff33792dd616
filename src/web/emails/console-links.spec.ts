import type { AppConfig } from '../../config/config';
import type { StaffDigestRows, StaffDigestService } from '../../notifications/staff-digest.service';
import type { TaxonomyService } from '../../taxonomy/taxonomy.service';
import { consoleLinks } from './console-links';
import { SAMPLE_MODELS } from './samples';
import { StaffDigestEmail } from './staff-digest-email.service';

const BASE = 'https://agentur.example/';

describe('links in staff emails', () => {
  it('should point at the console pages, never at the JSON API', () => {
    const links = consoleLinks(BASE);
    expect(links.request('4f1c')).toBe('https://agentur.example/console/requests/4f1c');
    expect(links.volunteer('7a')).toBe('https://agentur.example/console/volunteers/7a');
  });

  it('should link every line of the staff digest to a console page', async () => {
    const request = { id: 'req-1', category: 'shopping', district: 'Ottensen', postal_code: '22765' };
    const rows: StaffDigestRows = {
      escalated: [request],
      inReview: [request],
      proposalsReady: [{ ...request, proposals: 3 }],
      noEligible: [request],
      declined: [{ ...request, volunteer: 'Vera' }],
      expired: [{ ...request, volunteer: 'Vera' }],
      callTasks: [{ ...request, task_id: 'task-1', volunteer: 'Vera' }],
      followUps: [{ ...request, volunteer: 'Vera', outcome: 'problems' }],
      undeliverable: [{ id: 'vol-1', name: 'Vera', email: 'vera@example.org' }],
      unconfirmed: [{ id: 'vol-2', name: 'Jonas', days: 5 }],
    };
    const digest = new StaffDigestEmail(
      { PUBLIC_BASE_URL: BASE } as AppConfig,
      { label: (_kind: string, key: string) => key } as unknown as TaxonomyService,
      { rows: () => Promise.resolve(rows) } as unknown as StaffDigestService,
    );
    const { sections } = await digest.collect(new Date('2026-12-04T07:00:00Z'), 'de');
    const urls = Object.values(sections).flatMap((items) => items.map((item) => item.url));
    expect(urls).toHaveLength(10);
    for (const url of urls) {
      expect(url).toMatch(/^https:\/\/agentur\.example\/console\/(requests\/req-1|volunteers\/vol-[12])$/);
    }
  });

  it('should show console links in the email previews too', () => {
    expect(JSON.stringify(SAMPLE_MODELS)).not.toContain('/api/');
    expect(JSON.stringify(SAMPLE_MODELS)).toContain('/console/requests/');
  });
});
