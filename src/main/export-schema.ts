/** `npm run schema:export`: writes docs/program-definition.schema.json from the zod format. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { programDefinition } from '../core/programs/definition.ts';

export const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/program-definition.schema.json');

export function programDefinitionJsonSchema(): string {
  const schema = z.toJSONSchema(programDefinition, { io: 'input', unrepresentable: 'any' });
  return `${JSON.stringify({ ...schema, title: 'Program definition / 计划定义', description: 'See src/core/programs/definition.ts' }, null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.writeFileSync(SCHEMA_FILE, programDefinitionJsonSchema());
  console.log(`written ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
