import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationTable, envExample, withConfigurationTable } from '../config/config-docs';
import { envShape, SECRET_SETTINGS } from '../config/config';

const ROOT = join(__dirname, '..', '..');
const CONFIGURATION_DOC = join(ROOT, 'docs', 'configuration.md');
const ENV_EXAMPLE = join(ROOT, '.env.example');

/** Writes `path` when its content differs; says which it did. */
function writeIfChanged(path: string, name: string, content: string): void {
  let current: string | null = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = null;
  }
  if (current === content) {
    console.log(`${name} is up to date.`);
    return;
  }
  writeFileSync(path, content);
  console.log(`${name}: written.`);
}

/** `npm run docs:config` (ts-node, from src/): docs/configuration.md's table and .env.example. */
function main(): void {
  const doc = readFileSync(CONFIGURATION_DOC, 'utf8');
  writeIfChanged(
    CONFIGURATION_DOC,
    'docs/configuration.md',
    withConfigurationTable(doc, configurationTable(envShape)),
  );
  writeIfChanged(ENV_EXAMPLE, '.env.example', envExample(envShape, SECRET_SETTINGS));
}

main();
