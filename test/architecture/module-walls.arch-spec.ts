import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/*
 * The module walls (.dependency-cruiser.cjs) must be able to fail: each case plants one violation
 * in a small source tree of its own and expects dependency-cruiser to report exactly that rule.
 */

const ROOT = resolve(__dirname, '../..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

type Files = Record<string, string>;

/** A tree that keeps every wall: a feature on shared vocabulary, another calling its service. */
const CLEAN: Files = {
  'src/shared/schedule.ts': `export const weekdays = 7;\n`,
  'src/matching/domain/rank.ts': `import { weekdays } from '../../shared/schedule';\nexport const rank = (): number => weekdays;\n`,
  'src/matching/matching.service.ts': `import { Injectable } from '@nestjs/common';\nimport { rank } from './domain/rank';\n@Injectable()\nexport class MatchingService { run = rank; }\n`,
  'src/help-seekers/help-requests.service.ts': `import { MatchingService } from '../matching/matching.service';\nexport const uses = MatchingService;\n`,
  'src/web/request.page.ts': `import { uses } from '../help-seekers/help-requests.service';\nexport const page = uses;\n`,
};

/** Exit status (dependency-cruiser exits non-zero on errors, as `npm run lint` relies on) and the broken rules. */
function cruise(files: Files): { status: number | null; rules: string[]; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'nahbar-walls-'));
  try {
    // Packages resolve as they do in the project, so framework imports are recognised.
    symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'commonjs', experimentalDecorators: true, strict: true } }),
    );
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const run = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'err'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const output = `${run.stdout}${run.stderr}`;
    const rules = [
      ...new Set([...output.matchAll(/^\s*error ([a-z-]+):/gm)].map((match) => match[1])),
    ].sort();
    return { status: run.status, rules, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('module walls (dependency-cruiser)', () => {
  it('should pass a tree that keeps every wall', () => {
    const { status, rules, output } = cruise(CLEAN);
    expect(rules).toEqual([]);
    expect(output).toMatch(/no dependency violations found/);
    expect(status).toBe(0);
  });

  it.each<[string, Files, string[]]>([
    [
      'a domain file importing Nest',
      {
        'src/matching/domain/rank.ts': `import { Injectable } from '@nestjs/common';\nexport const rank = () => Injectable;\n`,
      },
      ['domain-framework-free'],
    ],
    [
      'a domain file importing its feature service',
      {
        'src/matching/domain/rank.ts': `import type { MatchingService } from '../matching.service';\nexport const rank = (s: MatchingService) => s;\n`,
      },
      ['domain-imports-only-domain-and-shared'],
    ],
    [
      'a shared file importing TypeORM and a feature',
      {
        'src/shared/schedule.ts': `import { Entity } from 'typeorm';\nimport { rank } from '../matching/domain/rank';\nexport const weekdays = 7;\nexport const x = [Entity, rank];\n`,
      },
      [
        'domain-framework-free',
        'infrastructure-not-to-features',
        'no-feature-cycles',
        'shared-imports-only-shared',
      ],
    ],
    [
      'two features importing each other',
      {
        'src/matching/matching.service.ts': `import { Injectable } from '@nestjs/common';\nimport { rank } from './domain/rank';\nimport { HelpRequestsService } from '../help-seekers/help-requests.service';\n@Injectable()\nexport class MatchingService { run = rank; other = HelpRequestsService; }\n`,
        'src/help-seekers/help-requests.service.ts': `import { MatchingService } from '../matching/matching.service';\nexport class HelpRequestsService {}\nexport const uses = MatchingService;\n`,
      },
      ['no-feature-cycles'],
    ],
    [
      "a feature importing another feature's internal file",
      {
        'src/matching/candidate-sql.ts': `export const sql = 'SELECT 1';\n`,
        'src/help-seekers/help-requests.service.ts': `import { sql } from '../matching/candidate-sql';\nexport const uses = sql;\n`,
      },
      ['no-feature-internals'],
    ],
    [
      'a feature importing a page from src/web',
      {
        'src/volunteers/volunteers.service.ts': `import { badge } from '../web/badge';\nexport const b = badge;\n`,
        'src/web/badge.ts': `export const badge = '<b>';\n`,
      },
      ['features-not-to-web'],
    ],
    [
      'notifications importing an email view (emails are composed in src/web/emails)',
      {
        'src/notifications/notification-delivery.service.ts': `import { render } from '../web/emails/render-email';\nexport const r = render;\n`,
        'src/web/emails/render-email.ts': `export const render = (): string => '';\n`,
      },
      ['features-not-to-web'],
    ],
    [
      'a page importing a controller',
      {
        'src/matching/staff-matching.controller.ts': `export class StaffMatchingController {}\n`,
        'src/web/request.page.ts': `import { StaffMatchingController } from '../matching/staff-matching.controller';\nexport const page = StaffMatchingController;\n`,
      },
      ['web-uses-feature-services'],
    ],
    [
      'the queue importing a feature',
      {
        'src/queue/jobs.ts': `import { MatchingService } from '../matching/matching.service';\nexport const jobs = MatchingService;\n`,
      },
      ['infrastructure-not-to-features'],
    ],
  ])('should fail on %s', (_name, planted, rules) => {
    const found = cruise({ ...CLEAN, ...planted });
    expect(found.rules).toEqual(rules);
    expect(found.status).not.toBe(0);
  });
});
