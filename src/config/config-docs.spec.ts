import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { envShape } from './config';
import {
  CONFIG_TABLE_END,
  CONFIG_TABLE_START,
  configurationTable,
  withConfigurationTable,
} from './config-docs';

const CONFIGURATION_DOC = join(__dirname, '..', '..', 'docs', 'configuration.md');

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
