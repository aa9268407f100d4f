import { z } from 'zod';

export const HealthResponse = z.object({ status: z.literal('ok'), db: z.literal('ok') });
export type HealthResponse = z.infer<typeof HealthResponse>;

/** 503 while the database does not answer: the health fields plus the usual error body. */
export const HealthDownResponse = z.object({
  status: z.literal('unavailable'),
  db: z.literal('down'),
  error: z.object({ code: z.string(), message: z.string() }),
});
export type HealthDownResponse = z.infer<typeof HealthDownResponse>;
