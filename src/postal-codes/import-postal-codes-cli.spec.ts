import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postalCodeSource } from '../cli/import-postal-codes';

describe('postalCodeSource (npm run postal-codes:import)', () => {
  let root: string;
  let project: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'postal-codes-cli-'));
    project = join(root, 'main');
    mkdirSync(project);
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('takes the path given on the command line, relative to the working directory', () => {
    writeFileSync(join(project, 'mine.csv'), '');
    expect(postalCodeSource('mine.csv', project)).toBe(join(project, 'mine.csv'));
  });

  it('fails clearly when the given path does not exist', () => {
    expect(() => postalCodeSource('missing.csv', project)).toThrow(
      `postal code file not found: ${join(project, 'missing.csv')}`,
    );
  });

  it('falls back to ../shared/data/postal-codes-de.csv, then to the built-in points', () => {
    expect(postalCodeSource(undefined, project)).toBeNull();
    mkdirSync(join(root, 'shared', 'data'), { recursive: true });
    writeFileSync(join(root, 'shared', 'data', 'postal-codes-de.csv'), '');
    expect(postalCodeSource(undefined, project)).toBe(join(root, 'shared', 'data', 'postal-codes-de.csv'));
  });
});
