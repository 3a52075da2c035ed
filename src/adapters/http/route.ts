/**
 * A route is data: method, path, access, schemas and one handler. The table of all routes drives
 * the server, the OpenAPI document and the authorization tests; every route reads as
 * validate → authorize (in the use case, through the one policy) → one use case → present.
 */
import type { z } from 'zod';
import type { Action } from '../../core/access-policy.ts';
import type { Role } from '../../core/roles.ts';
import type { ResolvedSession } from '../../use-cases/auth/sessions.ts';
import type { Deps, RequestContext } from '../../use-cases/ports.ts';

/**
 * public: anyone; session: a session at any sign-in step (second factor, enrolment, password
 * change); signedIn: a fully signed-in session.
 */
export type Access = 'public' | 'session' | 'signedIn';

export interface HandlerInput<P, Q, B> {
  deps: Deps;
  ctx: RequestContext;
  session: ResolvedSession | null;
  params: P;
  query: Q;
  body: B;
  /** The raw request body, for routes with `rawBody` (upload chunks). */
  bytes: Uint8Array;
  /** Anonymous CSRF token (double-submit cookie), for the session endpoint. */
  anonymousCsrf: string;
  /** The token of an `Authorization: Bearer …` header, for the routes that authenticate by API token (access 'public'). */
  bearer: string | null;
  /** Sets the session cookie (after sign-in or rotation). */
  setSessionCookie(token: string, absoluteExpiresAt: Date): void;
  clearSessionCookie(): void;
}

export interface RouteDef<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  summary: string;
  tag: string;
  access: Access;
  /** The policy action the use case checks, for documentation and the authorization tests. */
  action?: Action;
  /** Roles allowed when the route is limited by role rather than by a policy action. */
  roles?: readonly Role[];
  params?: P;
  query?: Q;
  body?: B;
  /** The body is bytes (application/octet-stream) of at most this size, not JSON. */
  rawBody?: { maxBytes: number };
  /** The response: a JSON schema, or 'file' for a download (the handler returns a FileResult). */
  response: z.ZodType | 'file';
  status?: 200 | 201 | 202;
  handler(input: HandlerInput<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<unknown>;
}

/** Keeps the schema types flowing into the handler while the table stays a plain array. */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(def: RouteDef<P, Q, B>): RouteDef {
  return def as unknown as RouteDef;
}

/** A download: the content, its name (sent with RFC 6266 Content-Disposition) and type. */
export class FileResult {
  constructor(
    readonly content: Uint8Array | ReadableStream<Uint8Array>,
    readonly fileName: string,
    readonly contentType: string,
    readonly sizeBytes?: number,
  ) {}
}
