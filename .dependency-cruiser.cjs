/**
 * Module walls, checked by `npm run lint` (dependency-cruiser). See README "Layout" and
 * docs of the rules below. No exceptions are tolerated: no folder cycles, and features never import
 * src/web (emails are composed there, behind notifications' EmailComposer).
 *
 * Vocabulary:
 * - infrastructure folders any feature may use: shared, common, config, database, queue, i18n.
 * - feature folders: every other folder directly under src/ (help-seekers, matching, ...).
 *
 * What a feature may import from another feature (everything else is that feature's inside):
 * - `*.service.ts` and `*.module.ts`: call the other feature through its service (a service file
 *   may re-export the few plain types and helpers its callers need);
 * - staff's guards (`*.guard.ts`, `require-role.ts`): every staff controller is guarded by them;
 * - `*.entity.ts`: entity types and TypeORM relations (a feature still writes only its own tables,
 *   see README "Module walls"; read models named `*ReadModel` / `*.queries.ts` read across them);
 * - `dto/**`: the other feature's input shapes;
 * - `domain/**`: the other feature's pure vocabulary (e.g. help-seekers/domain/request-status).
 * src/cli is a composition root like main.ts and worker.ts: it may wire up any feature (not src/web,
 * which only the src/*.module.ts roots register).
 */

/** Packages that tie code to a framework, a database or a transport. */
const FRAMEWORK_PACKAGES =
  '(^|/)node_modules/(@nestjs/|typeorm/|bullmq/|ioredis/|nodemailer/|pg/|pg-[^/]+/|express/|class-validator/|class-transformer/|@types/(express|nodemailer|pg)/)';

const INFRASTRUCTURE = '(?:shared|common|config|database|queue|i18n)';

/**
 * Folders under src/ form no cycle: a dependency between two different top-level folders must not
 * be part of a folder cycle (a feature and its own dto/ or domain/ folder may refer to each other).
 */
const noFeatureCycles = {
  name: 'no-feature-cycles',
  severity: 'error',
  comment:
    'Folders under src/ form no cycle: a dependency between two different top-level folders must not be part of a folder cycle.',
  scope: 'folder',
  from: { path: '^src/([^/]+)' },
  to: { circular: true, pathNot: '^src/$1(/|$)' },
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    noFeatureCycles,
    {
      name: 'domain-framework-free',
      severity: 'error',
      comment:
        'domain/ folders and src/shared are pure TypeScript: no Nest, TypeORM, BullMQ, Redis, SMTP, HTTP.',
      from: { path: '(^src/[^/]+/domain/|^src/shared/)' },
      to: { path: FRAMEWORK_PACKAGES },
    },
    {
      name: 'domain-imports-only-domain-and-shared',
      severity: 'error',
      comment: "A feature's domain/ imports only its own domain/ and src/shared.",
      from: { path: '^src/([^/]+)/domain/' },
      to: { path: '^src/', pathNot: ['^src/$1/domain/', '^src/shared/'] },
    },
    {
      name: 'shared-imports-only-shared',
      severity: 'error',
      comment: 'src/shared is the bottom layer: it imports nothing else from src/.',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'no-feature-internals',
      severity: 'error',
      comment:
        "A feature uses another feature only through its service, module, entity types, dto/ or domain/ (see the header comment); the rest is that feature's inside.",
      from: { path: `^src/(?!${INFRASTRUCTURE}/|web/|cli/)([^/]+)/` },
      to: {
        path: `^src/(?!${INFRASTRUCTURE}/|web/)[^/]+/`,
        pathNot: [
          '^src/$1/',
          '\\.(service|module|entity|guard)\\.ts$',
          '^src/staff/require-role\\.ts$',
          '^src/[^/]+/(dto|domain)/',
        ],
      },
    },
    {
      name: 'features-not-to-web',
      severity: 'error',
      comment:
        'src/web renders what features provide; features never import src/web, emails included (they are composed in src/web/emails behind the EmailComposer that notifications owns). Only the composition roots (src/*.module.ts) register the web modules and bind the composer.',
      from: { path: '^src/', pathNot: ['^src/web/', '^src/[^/]+\\.module\\.ts$'] },
      to: { path: '^src/web/' },
    },
    {
      name: 'web-uses-feature-services',
      severity: 'error',
      comment:
        'src/web may import feature services (and their dto/entity types, domain vocabulary, read models), not controllers, processors or pollers.',
      from: { path: '^src/web/' },
      to: { path: '^src/[^/]+/.*\\.(controller|processor|poller)\\.ts$', pathNot: '^src/web/' },
    },
    {
      name: 'infrastructure-not-to-features',
      severity: 'error',
      comment:
        'shared, common, config, database, queue and i18n are below the features and import none of them; database/entities.ts registers every entity with the one DataSource.',
      from: { path: `^src/${INFRASTRUCTURE}/`, pathNot: '^src/database/entities\\.ts$' },
      to: {
        path: '^src/',
        pathNot: [`^src/${INFRASTRUCTURE}/`],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Specs may use fixtures from anywhere; the walls are about production code.
    exclude: { path: '\\.spec\\.ts$' },
    // Type-only imports count: they tie a folder to another just as much.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
