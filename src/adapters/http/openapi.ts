/** The OpenAPI 3.1 document, generated from the route table and its zod schemas. */
import { z } from 'zod';
import { problem } from '../../../contracts/common.ts';
import { rolesFor } from '../../core/access-policy.ts';
import type { RouteDef } from './route.ts';

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { io, unrepresentable: 'any' });

export function buildOpenApi(routes: RouteDef[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const oaPath = r.path.replace(/:(\w+)/g, '{$1}');
    const parameters: unknown[] = [];
    if (r.params) {
      const props = (schema(r.params, 'input') as { properties?: Record<string, unknown> }).properties ?? {};
      for (const [name, s] of Object.entries(props)) parameters.push({ name, in: 'path', required: true, schema: s });
    }
    if (r.query) {
      const js = schema(r.query, 'input') as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) parameters.push({ name, in: 'query', required: js.required?.includes(name) ?? false, schema: s });
    }
    const who = r.access === 'public' ? 'anyone' : r.action ? `roles: ${rolesFor(r.action).join(', ')} (action ${r.action})` : r.roles ? `roles: ${r.roles.join(', ')}` : 'any signed-in user';
    paths[oaPath] ??= {};
    paths[oaPath][r.method] = {
      summary: r.summary,
      tags: [r.tag],
      description: `Access: ${r.access} — ${who}. State-changing requests need the x-csrf-token header.`,
      ...(parameters.length ? { parameters } : {}),
      ...(r.rawBody
        ? { requestBody: { required: true, content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary', maxLength: r.rawBody.maxBytes } } } } }
        : r.body
          ? { requestBody: { required: true, content: { 'application/json': { schema: schema(r.body, 'input') } } } }
          : {}),
      responses: {
        [String(r.status ?? 200)]:
          r.response === 'file'
            ? { description: 'A file (Content-Disposition names it)', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } }
            : { description: 'OK', content: { 'application/json': { schema: schema(r.response, 'output') } } },
        default: { description: 'Problem (RFC 9457)', content: { 'application/problem+json': { schema: schema(problem, 'output') } } },
      },
    };
  }
  paths['/api/health'] = {
    get: {
      summary: '健康检查 / Health',
      tags: ['system'],
      responses: {
        '200': {
          description: 'OK',
          content: { 'application/json': { schema: { type: 'object', properties: { status: { const: 'ok' }, database: { enum: ['pglite', 'postgresql'] }, migration: { type: 'integer' } } } } },
        },
      },
    },
  };
  return {
    openapi: '3.1.0',
    info: { title: '工业互联网项目管理平台 API / Industrial-internet program platform API', version: '0.1.0' },
    components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sid' } } },
    security: [{ session: [] }],
    paths,
  };
}
