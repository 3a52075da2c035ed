/** Shapes shared by every endpoint: messages in two languages, problems, pages of a list. */
import { z } from 'zod';

export const messages = z.object({ 'zh-CN': z.string(), en: z.string() });
export type Messages = z.infer<typeof messages>;

/** RFC 9457 problem details, with the message in both languages and field errors. */
export const problem = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  messages,
  errors: z.array(z.object({ path: z.string(), code: z.string(), messages })).optional(),
  requestId: z.string(),
});
export type Problem = z.infer<typeof problem>;

export const id = z.string().regex(/^\d+$/, { error: 'id' });

/** Paging and sorting as every list takes them; the server clamps pageSize to 100. */
export const listQuery = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
}
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
