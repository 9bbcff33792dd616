import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationTable, withConfigurationTable } from '../config/config-docs';
import { envShape } from '../config/config';

const CONFIGURATION_DOC = join(__dirname, '..', '..', 'docs', 'configuration.md');

/** `npm run docs:config` (ts-node, from src/): writes the settings table into docs/configuration.md. */
function main(): void {
  const current = readFileSync(CONFIGURATION_DOC, 'utf8');
  const updated = withConfigurationTable(current, configurationTable(envShape));
  if (updated === current) {
    console.log('docs/configuration.md is up to date.');
    return;
  }
  writeFileSync(CONFIGURATION_DOC, updated);
  console.log('docs/configuration.md: settings table written.');
}

main();
