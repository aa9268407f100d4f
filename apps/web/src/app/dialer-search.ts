import { z } from 'zod';

/** The dialer page's URL state; apart from the page, so the router validates it without loading the page. */
export const DialerSearch = z.object({
  company: z.string().trim().min(1).max(63).optional().catch(undefined),
  campaign_id: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
export type DialerSearch = z.infer<typeof DialerSearch>;
