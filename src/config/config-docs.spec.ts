import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { envShape, SECRET_SETTINGS } from './config';
import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  configurationTable,
  envExample,
  withConfigurationTable,
} from './config-docs';

const CONFIGURATION_DOC = join(__dirname, '..', '..', 'docs', 'configuration.md');
const ENV_EXAMPLE = join(__dirname, '..', '..', '.env.example');

describe('configurationTable', () => {
  it('should list name, default, allowed values and meaning of each setting', () => {
    const schema = z.object({
      PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port.'),
      MODE: z.enum(['a', 'b']).default('a').describe('Which | mode.'),
      TOKEN: z.string().min(32).optional().describe('A secret.'),
    });
    expect(configurationTable(schema).split('\n')).toEqual([
      '| Variable | Default | Allowed | Meaning |',
      '| --- | --- | --- | --- |',
      '| `PORT` | `3000` | integer 1–65535 | HTTP port. |',
      '| `MODE` | `a` | `a`, `b` | Which \\| mode. |',
      '| `TOKEN` | (none) | at least 32 characters | A secret. |',
    ]);
  });

  it('should refuse a setting without a description', () => {
    expect(() => configurationTable(z.object({ SILENT: z.string() }))).toThrow('SILENT');
  });

  it('should replace only what stands between the markers', () => {
    const doc = `# Settings\n\n${CONFIG_TABLE_START}\nold\n${CONFIG_TABLE_END}\n\nMore.\n`;
    expect(withConfigurationTable(doc, 'new')).toBe(
      `# Settings\n\n${CONFIG_TABLE_START}\n\nnew\n\n${CONFIG_TABLE_END}\n\nMore.\n`,
    );
  });

  it('should match docs/configuration.md (when it fails: npm run docs:config, then commit the file)', () => {
    const committed = readFileSync(CONFIGURATION_DOC, 'utf8');
    expect(committed).toBe(withConfigurationTable(committed, configurationTable(envShape)));
  });
});

describe('envExample', () => {
  const schema = z.object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3000).describe('HTTP port of the `API`.'),
    SECRET: z.string().min(32).default('do-not-copy-this-development-value').describe('A secret.'),
    OPTIONAL: z.string().optional().describe('Maybe.'),
  });

  it('should list each setting with meaning and rules, commented out at its default', () => {
    const text = envExample(schema, ['SECRET']);
    expect(text).toContain('# HTTP port of the API.\n# Allowed: integer 1–65535\n# PORT=3000\n');
    expect(text).toContain('# OPTIONAL=\n');
  });

  it('should list secrets empty, never with their default', () => {
    const text = envExample(schema, ['SECRET']);
    expect(text).toContain('\nSECRET=\n');
    expect(text).not.toContain('do-not-copy-this-development-value');
  });

  it('should match .env.example (when it fails: npm run docs:config, then commit the file)', () => {
    expect(readFileSync(ENV_EXAMPLE, 'utf8')).toBe(envExample(envShape, SECRET_SETTINGS));
  });
});
