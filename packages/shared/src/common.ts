import { z } from 'zod';

/** The error body of every 4xx/5xx answer (API.md Conventions). */
export const errorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorBody>;

/** Ids are UUID-shaped; z.guid() also accepts the fixed ids of fixtures. */
export const id = z.guid();

export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export function listOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int() });
}

/** What the caller may do with an object; the web app hides what is false. */
export const abilities = z.record(z.string(), z.boolean());
export type Abilities = z.infer<typeof abilities>;

/** Trimmed text with a maximum length; empty strings become undefined for optional fields. */
export function text(max: number) {
  return z.string().trim().max(max);
}
