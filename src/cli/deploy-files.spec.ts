import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const read = (path: string): string => readFileSync(join(ROOT, path), 'utf8');
const scripts = Object.keys(
  (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts,
);

/** Every deployment file, as shipped in the repository. */
const DEPLOY_FILES = [
  'Dockerfile',
  'compose.yaml',
  ...readdirSync(join(ROOT, 'deploy', 'systemd')).map((file) => `deploy/systemd/${file}`),
];

/** The npm scripts a file runs: `npm run x`, `npm start`, and the exec form ["npm", "run", "x"]. */
function npmScriptsIn(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/npm run (?:--silent )?([a-z][\w:-]*)/g)) {
    found.add(match[1]);
  }
  for (const match of text.matchAll(
    /['"]npm['"],\s*['"]run['"],\s*(?:['"]--silent['"],\s*)?['"]([\w:-]+)['"]/g,
  )) {
    found.add(match[1]);
  }
  if (/npm start|['"]npm['"],\s*['"]start['"]/.test(text)) {
    found.add('start');
  }
  return [...found];
}

describe('deployment files', () => {
  it.each(DEPLOY_FILES)('%s runs only npm scripts the project has (and CI runs their code)', (file) => {
    const used = npmScriptsIn(read(file));
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((script) => !scripts.includes(script))).toEqual([]);
  });

  it('the image runs as a non-root user, installs without dev dependencies and has a health check', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toContain('npm ci --omit=dev');
    expect(dockerfile).toMatch(/^HEALTHCHECK /m);
  });

  it('compose runs migrations before the API, two workers and Redis with AOF', () => {
    const compose = read('compose.yaml');
    expect(compose).toContain('condition: service_completed_successfully');
    expect(compose).toMatch(/replicas: 2/);
    expect(compose).toContain("'--appendonly', 'yes'");
  });
});
