import { z } from 'zod';

/** The schedule page's URL state: a superuser's company and the holidays year on screen. */
export const ScheduleSearch = z.object({
  company: z.string().trim().min(1).max(63).optional().catch(undefined),
  year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined),
});
export type ScheduleSearch = z.infer<typeof ScheduleSearch>;
