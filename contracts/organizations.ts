import { z } from 'zod';
import { id, listQuery, pageOf } from './common.ts';

export const organizationKind = z.enum(['platform', 'province', 'department', 'city', 'task_force', 'expert_pool', 'enterprise']);

export const organization = z.object({
  id,
  parentId: id.nullable(),
  code: z.string(),
  kind: organizationKind,
  name: z.string(),
  nameEn: z.string().nullable(),
  divisionCode: z.string().nullable(),
  coveredDivisionCodes: z.array(z.string()),
  creditCode: z.string().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  address: z.string().nullable(),
  note: z.string().nullable(),
  /** Names from the province down to the parent, e.g. ["河北省", "石家庄市"]. */
  ancestors: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Organization = z.infer<typeof organization>;

export const organizationListQuery = listQuery.extend({
  kind: organizationKind.optional(),
  parentId: id.optional(),
  /** Search in the name, code or credit code. */
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['name', 'code', 'kind', 'createdAt']).default('code'),
});
export type OrganizationListQuery = z.infer<typeof organizationListQuery>;
export const organizationPage = pageOf(organization);

export const organizationUpdateInput = z.object({
  contactName: z.string().trim().max(50).nullable().optional(),
  contactPhone: z
    .string()
    .trim()
    .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/, { error: 'phone' })
    .nullable()
    .optional(),
  address: z.string().trim().max(200).nullable().optional(),
});
export type OrganizationUpdateInput = z.infer<typeof organizationUpdateInput>;

/** A recommending unit (city or a unit on a par with the cities) as the public registration form lists it. */
export const recommendingUnit = z.object({
  id,
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  province: z.string(),
  provinceCode: z.string(),
});
export type RecommendingUnit = z.infer<typeof recommendingUnit>;
export const recommendingUnitList = z.object({ items: z.array(recommendingUnit) });
