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

/** Years 1900–2999; a value that is not even a date is left to the format check, so it gets one message. */
const inRange = (value: string) => !/^\d{4}-/.test(value) || (value >= '1900-01-01' && value < '3000-01-01');

/**
 * A calendar date (YYYY-MM-DD), years 1900–2999: a year like 0000 passes the ISO format but is out of
 * PostgreSQL's range, and a record of this work is never that old or that far ahead.
 */
export const isoDate = z.iso.date('日期格式应为 YYYY-MM-DD').refine(inRange, '日期应在1900年至2999年之间');

/** An instant with its offset (ISO 8601), years 1900–2999 like `isoDate`. */
export const isoDateTime = z.iso
  .datetime({ offset: true, message: '时间格式应为 ISO 8601（含时区）' })
  .refine(inRange, '时间应在1900年至2999年之间');

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
