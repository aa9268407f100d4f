import { z } from 'zod';
import { Role } from '@dialdeck/contracts/common';

export const DEFAULT_PAGE_SIZE = 20;

/**
 * The users page keeps its filters in the URL so a reload or a shared link
 * shows the same page. Every key is optional: links to /users need none.
 */
export const UsersSearch = z.object({
  skip: z.coerce.number().int().min(0).optional().catch(undefined),
  limit: z.coerce.number().int().min(1).max(500).optional().catch(undefined),
  search: z.string().trim().max(100).optional().catch(undefined),
  role: Role.optional().catch(undefined),
  company: z.string().trim().min(1).max(63).optional().catch(undefined),
});
export type UsersSearch = z.infer<typeof UsersSearch>;
