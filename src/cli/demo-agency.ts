import type { LanguageSkill } from '../shared/volunteer-profile';
import type { RequestSchedule, Weekday, WeeklySlot } from '../shared/schedule';
import { berlinDateOf } from '../shared/berlin-time';

/**
 * A made-up agency in Hamburg-Altona, the same on every run: names are invented, addresses are
 * street names only. Deterministic so that a newcomer and a bug report see the same data.
 */
export const ALTONA_POSTAL_CODES = [
  '22761',
  '22763',
  '22765',
  '22767',
  '22769',
  '22605',
  '22607',
  '22609',
  '22587',
  '22589',
  '22547',
  '22549',
  '22559',
  '22525',
];

/** Demo logins (demo only): a coordinator for the daily work, an admin for settings and staff. */
export const DEMO_STAFF = [
  {
    name: 'Demo Koordination',
    email: 'koordination@altonavi.example',
    password: 'altona-demo-2026',
    role: 'coordinator' as const,
  },
  {
    name: 'Demo Leitung',
    email: 'leitung@altonavi.example',
    password: 'altona-demo-2026',
    role: 'admin' as const,
  },
];

/** mulberry32: a tiny seeded generator, enough for reproducible demo data. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = [
  'Anna',
  'Mehmet',
  'Jonas',
  'Leyla',
  'Olga',
  'Peter',
  'Fatma',
  'Lukas',
  'Sofia',
  'Hassan',
  'Ingrid',
  'Tomasz',
  'Marie',
  'Ali',
  'Greta',
  'Yusuf',
  'Hanna',
  'Dmytro',
  'Elif',
  'Karl',
];
const LAST_NAMES = [
  'Schulz',
  'Yılmaz',
  'Petersen',
  'Kaya',
  'Iwanowa',
  'Hansen',
  'Demir',
  'Becker',
  'Nowak',
  'Rahimi',
  'Lange',
  'Öztürk',
  'Jensen',
  'Koval',
  'Brandt',
];
const STREETS = [
  'Große Bergstraße',
  'Ottenser Hauptstraße',
  'Bahrenfelder Straße',
  'Max-Brauer-Allee',
  'Holstenstraße',
  'Elbchaussee',
  'Stresemannstraße',
  'Friedensallee',
  'Osdorfer Landstraße',
  'Blankeneser Hauptstraße',
];
const SECOND_LANGUAGES: LanguageSkill[] = [
  { code: 'tr', level: 'native' },
  { code: 'ar', level: 'native' },
  { code: 'uk', level: 'native' },
  { code: 'ru', level: 'C1' },
  { code: 'en', level: 'B2' },
  { code: 'fa', level: 'native' },
  { code: 'pl', level: 'native' },
  { code: 'kmr', level: 'native' },
];
const SKILL_SETS = [
  ['shopping', 'visiting'],
  ['accompaniment.doctor', 'accompaniment.walk'],
  ['driving', 'shopping'],
  ['paperwork', 'digital'],
  ['interpreting', 'paperwork'],
  ['handyman', 'shopping'],
  ['pet-care', 'accompaniment.walk'],
  ['tutoring', 'digital'],
  ['visiting', 'dementia-care'],
];

export interface DemoProvider {
  name: string;
  contactPerson: string;
  email: string;
  phone: string;
  streetAddress: string;
  postalCode: string;
  fieldsOfActivity: string[];
}

export const DEMO_PROVIDERS: DemoProvider[] = [
  ['Seniorentreff Ottensen', 'SEN', '22765'],
  ['Nachbarschaftshaus Altona-Altstadt', 'NBH', '22767'],
  ['Stadtteilzentrum Bahrenfeld', 'NBH', '22761'],
  ['Lernhaus Osdorf', 'BIL', '22549'],
  ['Willkommenscafé Lurup', 'MIG', '22547'],
  ['Inklusionstreff Othmarschen', 'INK', '22605'],
  ['Hospizverein Elbvororte', 'GES', '22587'],
  ['Tafel-Ausgabe Altona-Nord', 'SOZ', '22769'],
  ['Repair-Café Ottensen', 'NBH', '22763'],
  ['Kulturetage Altona', 'KUL', '22765'],
].map(([name, field, postalCode], index) => ({
  name,
  contactPerson: `${FIRST_NAMES[(index * 3) % FIRST_NAMES.length]} ${LAST_NAMES[(index * 5) % LAST_NAMES.length]}`,
  email: `kontakt${index + 1}@traeger.example`,
  phone: `040 39${String(100000 + index * 7919).slice(1)}`,
  streetAddress: `${STREETS[index % STREETS.length]} ${10 + index * 3}`,
  postalCode,
  fieldsOfActivity: [field],
}));

export interface DemoVolunteer {
  name: string;
  email: string;
  phone: string | null;
  languages: LanguageSkill[];
  skills: string[];
  interests: string[];
  postalCode: string;
  maxTravelKm: number;
  availability: WeeklySlot[];
  maxOpenAssignments: number;
  status: 'active' | 'pending' | 'paused';
  certificateInspectedOn: string | null;
  /** Recorded at the intake conversation; driving and interpreting need volunteers of 18 or more. */
  birthDate: string;
}

export function demoVolunteers(count = 60): DemoVolunteer[] {
  const random = seededRandom(2013); // altonavi opened in 2013
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  return Array.from({ length: count }, (_, index) => {
    const first = FIRST_NAMES[index % FIRST_NAMES.length];
    const last = LAST_NAMES[(index * 7) % LAST_NAMES.length];
    const languages: LanguageSkill[] = [{ code: 'de', level: random() < 0.8 ? 'native' : 'B2' }];
    if (random() < 0.45) {
      languages.push(pick(SECOND_LANGUAGES));
    }
    const days = ([1, 2, 3, 4, 5, 6, 7] as Weekday[]).filter(() => random() < 0.45);
    const morning = random() < 0.5;
    const availability = (days.length > 0 ? days : [((index % 5) + 1) as Weekday]).map((weekday) => ({
      weekday,
      start: morning ? '08:00' : '13:00',
      end: morning ? '13:00' : '19:00',
    }));
    return {
      name: `${first} ${last}`,
      email: `${first.toLowerCase().replace(/[^a-z]/g, '')}.${index + 1}@freiwillig.example`,
      phone: random() < 0.7 ? `0170 ${String(1000000 + index * 104729).slice(0, 7)}` : null,
      languages,
      skills: pick(SKILL_SETS),
      interests: [pick(['SEN', 'NBH', 'MIG', 'BIL', 'INK'])],
      postalCode: pick(ALTONA_POSTAL_CODES),
      maxTravelKm: pick([2, 3, 5, 5, 8, 10]),
      availability,
      maxOpenAssignments: pick([1, 2, 2, 3]),
      status: index % 12 === 11 ? 'pending' : index % 15 === 14 ? 'paused' : 'active',
      certificateInspectedOn:
        random() < 0.3 ? `202${4 + Math.floor(random() * 2)}-0${1 + Math.floor(random() * 9)}-15` : null,
      birthDate: `${1945 + Math.floor(random() * 60)}-0${1 + Math.floor(random() * 9)}-${10 + Math.floor(random() * 18)}`,
    };
  });
}

export interface DemoRequest {
  helpSeeker: {
    name: string;
    phone: string | null;
    streetAddress: string;
    preferredContact: 'phone' | 'post';
    preferredLanguage: string;
  };
  category: string;
  description: string;
  postalCode: string;
  neededLanguage: string | null;
  requiresCertificate: boolean;
  schedule: RequestSchedule;
  urgency: 'low' | 'normal' | 'high';
}

const REQUEST_TEMPLATES: Array<[string, string, string | null, boolean]> = [
  ['shopping', 'Wocheneinkauf im Supermarkt, ich kann die Tüten nicht mehr tragen.', null, false],
  ['doctor-accompaniment', 'Begleitung zur Augenärztin, danach kann ich schlecht sehen.', null, false],
  ['visiting', 'Ich bin viel allein und würde mich über Besuch zum Kaffee freuen.', null, false],
  ['paperwork', 'Hilfe beim Ausfüllen eines Antrags für das Wohngeld.', 'tr', false],
  ['interpreting', 'Sprachbegleitung zum Elterngespräch in der Schule.', 'ar', false],
  ['digital-help', 'Ich möchte mit meinem Enkel per Video telefonieren lernen.', null, false],
  ['walk', 'Spaziergang an der Elbe mit Rollator, etwa eine Stunde.', null, false],
  ['homework-help', 'Hausaufgabenhilfe Mathe für meinen Sohn (5. Klasse).', null, true],
  ['pet-care', 'Hund ausführen, während ich im Krankenhaus bin.', null, false],
  ['paperwork', 'Post sichten und Briefe von der Krankenkasse erklären.', 'uk', false],
];

export function demoRequests(today: Date, count = 20): DemoRequest[] {
  const random = seededRandom(8);
  return Array.from({ length: count }, (_, index) => {
    const [category, description, neededLanguage, requiresCertificate] =
      REQUEST_TEMPLATES[index % REQUEST_TEMPLATES.length];
    const date = berlinDateOf(new Date(today.getTime() + (2 + (index % 9)) * 24 * 3600_000));
    const morning = index % 2 === 0;
    const schedule: RequestSchedule =
      index % 5 === 2
        ? { kind: 'weekly', slots: [{ weekday: ((index % 5) + 1) as Weekday, start: '15:00', end: '16:30' }] }
        : { kind: 'one-off', date, start: morning ? '09:30' : '14:00', end: morning ? '11:00' : '15:30' };
    return {
      helpSeeker: {
        name: `${FIRST_NAMES[(index * 11 + 4) % FIRST_NAMES.length]} ${LAST_NAMES[(index * 3 + 2) % LAST_NAMES.length]}`,
        phone: index % 4 === 3 ? null : `040 8${String(100000 + index * 31337).slice(0, 6)}`,
        streetAddress: `${STREETS[(index * 3) % STREETS.length]} ${1 + Math.floor(random() * 120)}`,
        preferredContact: index % 4 === 3 ? 'post' : 'phone',
        preferredLanguage: neededLanguage ?? 'de',
      },
      category,
      description,
      postalCode: ALTONA_POSTAL_CODES[index % 8],
      neededLanguage,
      requiresCertificate,
      schedule,
      urgency: index % 6 === 0 ? 'high' : 'normal',
    };
  });
}

export interface DemoOpportunity {
  /** Index into DEMO_PROVIDERS: the opportunity is at that host's address. */
  provider: number;
  title: string;
  description: string;
  tasks: string;
  fieldsOfActivity: string[];
  remote: boolean;
  timePattern:
    | { kind: 'weekly'; slots: WeeklySlot[] }
    | { kind: 'flexible'; hoursPerWeek?: number; hoursPerMonth?: number }
    | { kind: 'one-off'; date: string; start: string; end: string };
  minCommitmentMonths: number | null;
  places: number;
  requiresCertificate: boolean;
  minimumAge: number | null;
  languages: string[];
  skills: string[];
  forNewcomers: boolean;
  littleGermanOk: boolean;
  accessible: boolean;
  hostOffers: Array<'induction' | 'training' | 'expenses' | 'insurance' | 'supervision' | 'certificate'>;
}

/** Standing opportunities (Engagementangebote) of the demo hosts, one of them waiting for review. */
export function demoOpportunities(today: Date): DemoOpportunity[] {
  const inWeeks = (weeks: number) => berlinDateOf(new Date(today.getTime() + weeks * 7 * 24 * 3600_000));
  const weekly = (weekday: Weekday, start: string, end: string) => ({
    kind: 'weekly' as const,
    slots: [{ weekday, start, end }],
  });
  const base = {
    remote: false,
    minCommitmentMonths: 6,
    places: 2,
    requiresCertificate: false,
    minimumAge: null,
    languages: [],
    forNewcomers: false,
    littleGermanOk: false,
    accessible: false,
  };
  return [
    {
      ...base,
      provider: 0,
      title: 'Spielenachmittag begleiten',
      description:
        'Einmal in der Woche spielen unsere Gäste Karten und Brettspiele. Sie spielen mit und trinken Kaffee mit ihnen.',
      tasks: 'Spiele vorbereiten, mitspielen, Kaffee kochen',
      fieldsOfActivity: ['SEN'],
      timePattern: weekly(2, '15:00', '17:00'),
      skills: ['visiting'],
      forNewcomers: true,
      accessible: true,
      hostOffers: ['induction', 'insurance'],
    },
    {
      ...base,
      provider: 0,
      title: 'Fahrdienst zum Sommerausflug',
      description:
        'Mit unserem Kleinbus fahren wir mit Seniorinnen und Senioren an die Elbe. Wir suchen Fahrerinnen und Fahrer.',
      tasks: 'Kleinbus fahren (Führerschein Klasse B), beim Ein- und Aussteigen helfen',
      fieldsOfActivity: ['SEN'],
      timePattern: { kind: 'one-off', date: inWeeks(5), start: '10:00', end: '16:00' },
      minCommitmentMonths: null,
      places: 3,
      minimumAge: 21,
      skills: ['driving'],
      hostOffers: ['insurance', 'expenses'],
    },
    {
      ...base,
      provider: 1,
      title: 'Repair-Café: Geräte reparieren',
      description: 'Jeden ersten Samstag reparieren wir gemeinsam Toaster, Lampen und Fahrräder.',
      tasks: 'Reparieren, erklären, Werkzeug ausgeben',
      fieldsOfActivity: ['NBH', 'UMW'],
      timePattern: weekly(6, '11:00', '15:00'),
      skills: ['handyman'],
      forNewcomers: true,
      hostOffers: ['induction', 'insurance'],
    },
    {
      ...base,
      provider: 3,
      title: 'Lesepatin oder Lesepate in der Grundschule',
      description: 'Sie lesen mit Kindern der 2. Klasse und hören ihnen beim Lesen zu.',
      tasks: 'Vorlesen, zuhören, Bücher aussuchen',
      fieldsOfActivity: ['KJ', 'BIL'],
      timePattern: weekly(3, '08:00', '10:00'),
      requiresCertificate: true,
      minimumAge: 18,
      skills: ['tutoring'],
      forNewcomers: true,
      hostOffers: ['induction', 'training', 'insurance'],
    },
    {
      ...base,
      provider: 3,
      title: 'Hausaufgabenhilfe Mathe',
      description: 'Kinder der 5. bis 7. Klasse brauchen Hilfe bei den Mathe-Hausaufgaben.',
      tasks: 'Aufgaben erklären, üben',
      fieldsOfActivity: ['KJ', 'BIL'],
      timePattern: weekly(2, '14:00', '16:00'),
      requiresCertificate: true,
      minimumAge: 18,
      skills: ['tutoring'],
      hostOffers: ['induction', 'insurance', 'certificate'],
    },
    {
      ...base,
      provider: 4,
      title: 'Deutsch üben im Willkommenscafé',
      description: 'Im Café üben Neuangekommene Deutsch im Gespräch. Sie reden mit, ganz ohne Unterricht.',
      tasks: 'Gespräche führen, Alltagsfragen beantworten',
      fieldsOfActivity: ['MIG'],
      timePattern: weekly(4, '16:00', '18:00'),
      places: 4,
      skills: ['visiting'],
      forNewcomers: true,
      accessible: true,
      hostOffers: ['induction', 'training'],
    },
    {
      ...base,
      provider: 4,
      title: 'Sprachbegleitung Arabisch',
      description: 'Begleitung zu Ämtern und Ärzten, übersetzen zwischen Deutsch und Arabisch.',
      tasks: 'Begleiten, übersetzen',
      fieldsOfActivity: ['MIG'],
      timePattern: { kind: 'flexible', hoursPerMonth: 6 },
      minimumAge: 18,
      languages: ['ar'],
      skills: ['interpreting'],
      littleGermanOk: false,
      hostOffers: ['training', 'expenses', 'insurance'],
    },
    {
      ...base,
      provider: 5,
      title: 'Freizeitbegleitung im Inklusionstreff',
      description: 'Sie begleiten Menschen mit Behinderung zu Konzerten, ins Kino oder zum Sport.',
      tasks: 'Begleiten, gemeinsam Freizeit gestalten',
      fieldsOfActivity: ['INK'],
      timePattern: { kind: 'flexible', hoursPerMonth: 8 },
      skills: ['accompaniment'],
      accessible: true,
      hostOffers: ['induction', 'training', 'expenses', 'insurance'],
    },
    {
      ...base,
      provider: 6,
      title: 'Besuchsdienst im Hospiz',
      description:
        'Sie besuchen schwerkranke Menschen, hören zu und sind da. Vorher gibt es einen Vorbereitungskurs.',
      tasks: 'Besuchen, zuhören, begleiten',
      fieldsOfActivity: ['GES'],
      timePattern: { kind: 'flexible', hoursPerWeek: 2 },
      minCommitmentMonths: 12,
      minimumAge: 25,
      skills: ['visiting'],
      hostOffers: ['training', 'supervision', 'insurance'],
    },
    {
      ...base,
      provider: 7,
      title: 'Lebensmittelausgabe der Tafel',
      description: 'Sortieren und Ausgeben von Lebensmitteln an Bedürftige.',
      tasks: 'Sortieren, ausgeben, aufräumen',
      fieldsOfActivity: ['SOZ'],
      timePattern: weekly(5, '12:00', '15:00'),
      places: 5,
      skills: [],
      forNewcomers: true,
      littleGermanOk: true,
      hostOffers: ['induction', 'insurance'],
    },
    {
      ...base,
      provider: 8,
      title: 'Website und Social Media',
      description:
        'Unser Repair-Café braucht Hilfe bei Website, Newsletter und Instagram. Geht von zu Hause.',
      tasks: 'Beiträge schreiben, Fotos bearbeiten, Termine pflegen',
      fieldsOfActivity: ['DIG', 'NBH'],
      remote: true,
      timePattern: { kind: 'flexible', hoursPerMonth: 4 },
      places: 1,
      skills: ['digital'],
      hostOffers: ['induction'],
    },
    {
      ...base,
      provider: 9,
      title: 'Einlass und Garderobe bei Konzerten',
      description:
        'Bei unseren Konzerten am Freitagabend begrüßen Sie die Gäste und kümmern sich um die Garderobe.',
      tasks: 'Begrüßen, Karten prüfen, Garderobe',
      fieldsOfActivity: ['KUL'],
      timePattern: weekly(5, '18:30', '22:30'),
      places: 3,
      skills: [],
      forNewcomers: true,
      littleGermanOk: true,
      hostOffers: ['induction', 'insurance'],
    },
  ];
}
