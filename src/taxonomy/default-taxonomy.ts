import type { Taxonomy } from './taxonomy';

/**
 * The agency's working vocabulary (see shared DOMAIN.md §2 and §4.2). An agency replaces it with
 * its own JSON file via TAXONOMY_FILE; keys are stable, labels are what people read.
 */
export const DEFAULT_TAXONOMY: Taxonomy = {
  categories: {
    shopping: { de: 'Einkaufshilfe', en: 'Shopping help', skills: ['shopping'], atHome: true },
    pharmacy: { de: 'Apothekengang', en: 'Pharmacy run', skills: ['shopping'], atHome: true },
    'doctor-accompaniment': {
      de: 'Begleitung zum Arzt',
      en: 'Accompaniment to the doctor',
      skills: ['accompaniment.doctor'],
    },
    // Adults only: insurance for volunteer drivers, and interpreters' rules (e.g. Babellos) say 18+.
    'driving-service': { de: 'Fahrdienst', en: 'Driving service', skills: ['driving'], minimumAge: 18 },
    visiting: { de: 'Besuchsdienst', en: 'Visiting', skills: ['visiting'], atHome: true },
    walk: { de: 'Spaziergangsbegleitung', en: 'Accompanied walk', skills: ['accompaniment.walk'] },
    paperwork: { de: 'Behördengänge und Formulare', en: 'Forms and authorities', skills: ['paperwork'] },
    interpreting: {
      de: 'Sprachbegleitung',
      en: 'Language mediation',
      skills: ['interpreting'],
      minimumAge: 18,
    },
    'digital-help': { de: 'Digitale Hilfe', en: 'Digital help', skills: ['digital'], atHome: true },
    'small-repairs': {
      de: 'Kleine Handgriffe',
      en: 'Small practical jobs',
      skills: ['handyman'],
      atHome: true,
    },
    'pet-care': { de: 'Haustier versorgen', en: 'Pet care', skills: ['pet-care'], atHome: true },
    // Work with children: an inspected eFZ by default (§ 72a SGB VIII).
    'homework-help': {
      de: 'Hausaufgabenhilfe',
      en: 'Homework help',
      skills: ['tutoring'],
      requiresCertificate: true,
    },
    'reading-aloud': { de: 'Vorlesen', en: 'Reading aloud', skills: ['visiting'], atHome: true },
    other: { de: 'Sonstiges', en: 'Other', skills: [] },
  },
  skills: {
    shopping: { de: 'Einkaufen', en: 'Shopping' },
    accompaniment: { de: 'Begleitung', en: 'Accompaniment' },
    'accompaniment.doctor': {
      de: 'Begleitung zum Arzt',
      en: 'Accompaniment to the doctor',
      parent: 'accompaniment',
    },
    'accompaniment.walk': { de: 'Spaziergänge', en: 'Walks', parent: 'accompaniment' },
    'accompaniment.wheelchair': {
      de: 'Rollstuhlbegleitung',
      en: 'Wheelchair escort',
      parent: 'accompaniment',
    },
    driving: { de: 'Fahren (eigenes Auto)', en: 'Driving (own car)' },
    visiting: { de: 'Besuche und Gesellschaft', en: 'Visits and company' },
    paperwork: { de: 'Formulare und Post', en: 'Forms and mail' },
    interpreting: { de: 'Dolmetschen', en: 'Interpreting' },
    digital: { de: 'Smartphone und Computer', en: 'Smartphone and computer' },
    handyman: { de: 'Handwerkliches', en: 'Handyman' },
    'pet-care': { de: 'Tierbetreuung', en: 'Pet care' },
    tutoring: { de: 'Nachhilfe', en: 'Tutoring' },
    'dementia-care': { de: 'Demenzbegleitung', en: 'Dementia companion' },
    'first-aid': { de: 'Erste Hilfe', en: 'First aid' },
  },
  fields: {
    KJ: { de: 'Kinder & Jugend', en: 'Children & youth' },
    SEN: { de: 'Senior:innen / Leben im Alter', en: 'Older people' },
    MIG: { de: 'Flucht & Migration', en: 'Refugees & migration' },
    INK: { de: 'Inklusion', en: 'Disability & inclusion' },
    GES: { de: 'Gesundheit, Pflege & Hospiz', en: 'Health, care & hospice' },
    SOZ: { de: 'Soziales & Armut', en: 'Social welfare & poverty' },
    NBH: { de: 'Nachbarschaft & Quartier', en: 'Neighbourhood & community' },
    BIL: { de: 'Bildung & Lernen', en: 'Education & learning' },
    KUL: { de: 'Kultur & Kunst', en: 'Culture & arts' },
    SPO: { de: 'Sport & Bewegung', en: 'Sport & exercise' },
    UMW: { de: 'Umwelt, Natur, Klima & Tierschutz', en: 'Environment, climate & animals' },
    DIG: { de: 'Digitales / online', en: 'Digital / remote' },
  },
};
