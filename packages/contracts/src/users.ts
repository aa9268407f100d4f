import { z } from 'zod';
import { CompanyScopeQuery, Id, PaginationQuery, Password, PersonName, Role, Username, paged, Count } from './common';
import { UserResponse } from './auth';

const Phone = z.string().trim().max(32, 'at most 32 characters');

export const CreateUserRequest = z.strictObject({
  username: Username,
  password: Password,
  role: Role,
  first_name: PersonName.nullable().optional(),
  last_name: PersonName.nullable().optional(),
  phone_number: Phone.nullable().optional(),
  company_id: Id.optional(),
});
export type CreateUserRequest = z.infer<typeof CreateUserRequest>;

export const UpdateUserRequest = z.strictObject({
  username: Username.optional(),
  password: Password.optional(),
  role: Role.optional(),
  first_name: PersonName.nullable().optional(),
  last_name: PersonName.nullable().optional(),
  phone_number: Phone.nullable().optional(),
  company_id: Id.optional(),
  is_active: z.boolean().optional(),
});
export type UpdateUserRequest = z.infer<typeof UpdateUserRequest>;

export const ListUsersQuery = PaginationQuery.extend(CompanyScopeQuery.shape).extend({
  search: z.string().trim().max(100).optional(),
  role: Role.optional(),
});
export type ListUsersQuery = z.infer<typeof ListUsersQuery>;

export const ListUsersResponse = paged(UserResponse).extend({ total: Count });
export type ListUsersResponse = z.infer<typeof ListUsersResponse>;
