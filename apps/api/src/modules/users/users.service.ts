import type { CreateUserRequest, ListUsersQuery, UpdateUserRequest } from '@dialdeck/contracts/users';
import type { CompanyRow, UserRow } from '../../db/schema/database';
import type { Principal } from '../../lib/auth';
import { AppError, notFound, uniqueViolation } from '../../lib/errors';
import { can } from '../../lib/permissions';
import { hashPassword } from '../../lib/passwords';
import { normalizePhone } from '../../lib/phone';
import { blankToNull } from '../../lib/text';
import type { CompaniesService } from '../companies/companies.service';
import type { UserRowUpdate } from '../../db/schema/database';
import type { UsersRepository } from './users.repository';
import { isNewUserSuperuser } from './user-rules';
import { toPublicUser, userView } from './user-view';

export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly companies: CompaniesService,
  ) {}

  // ---- what sign-in and the session guard need (the auth module reaches users only here) ----

  /** Usernames are unique across the system: sign-in looks a user up before knowing the company. */
  findForLogin(username: string) {
    return this.users.findByUsernameAnyCompany(username);
  }

  /** A user with their company, by id alone (the session guard's lookup). */
  findWithCompany(userId: number) {
    return this.users.findWithCompanyAnyCompany(userId);
  }

  recordLogin(company: CompanyRow, id: number, at: Date): Promise<void> {
    return this.users.recordLogin(company.id, id, at);
  }

  findRow(company: CompanyRow, id: number): Promise<UserRow | undefined> {
    return this.users.findById(company.id, id);
  }

  /** The caller's own profile fields and password (authorised by the caller's current password, in AuthService). */
  updateOwn(company: CompanyRow, id: number, patch: Pick<UserRowUpdate, 'first_name' | 'last_name' | 'password_hash'>) {
    return this.users.update(company.id, id, patch);
  }

  /** Whether any user exists at all (first start). */
  async anyUser(): Promise<boolean> {
    return (await this.users.countAll()) > 0;
  }

  toPublic(row: UserRow) {
    return toPublicUser(row);
  }

  view(user: Parameters<typeof userView>[0], company: CompanyRow) {
    return userView(user, company);
  }

  // ---- the company's users ----

  list(company: CompanyRow, q: ListUsersQuery) {
    return this.users.list(company.id, q);
  }

  async get(company: CompanyRow, id: number): Promise<UserRow> {
    const u = await this.users.findById(company.id, id);
    if (!u) throw notFound('User not found.');
    return u;
  }

  /** Creates a user in `scope`, or in `company_id` when a superuser names one. */
  async create(actor: Principal, scope: CompanyRow, input: CreateUserRequest): Promise<{ user: UserRow; company: CompanyRow }> {
    const company = await this.targetCompany(actor, scope, input.company_id);
    const user = await this.insert(company, input);
    return { user, company };
  }

  /** First-start admin and the create-admin CLI: a superuser in the named company. */
  async createSuperuser(companyName: string, username: string, password: string) {
    const company = await this.companies.ensure(companyName);
    const user = await this.insert(company, { username, password, role: 'ADMIN' }, true);
    return { user, company };
  }

  async update(actor: Principal, scope: CompanyRow, id: number, input: UpdateUserRequest) {
    const current = await this.get(scope, id);
    if (current.is_superuser && !can(actor.user, 'users.manage-superusers')) {
      throw new AppError('FORBIDDEN', 'Only a superuser may change a superuser.');
    }
    if (current.is_superuser && input.is_active === false) {
      throw new AppError('FORBIDDEN', 'A superuser cannot be deactivated.', { fields: { is_active: 'a superuser cannot be deactivated' } });
    }
    if (current.id === actor.user.id && input.is_active === false) {
      throw new AppError('UNPROCESSABLE', 'You cannot deactivate yourself.', { fields: { is_active: 'you cannot deactivate yourself' } });
    }
    if (current.id === actor.user.id && input.role === 'AGENT' && current.role === 'ADMIN') {
      throw new AppError('UNPROCESSABLE', 'You cannot remove your own admin role.', {
        fields: { role: 'you cannot remove your own admin role' },
      });
    }
    const company = input.company_id === undefined ? scope : await this.targetCompany(actor, scope, input.company_id);
    // Stored phones are canonical whatever the region (Iranian national form or E.164),
    // so a user moving company keeps theirs; the unique index re-checks it there.
    const phone = this.phone(input.phone_number, company);
    try {
      const updated = await this.users.update(scope.id, id, {
        ...(input.username !== undefined ? { username: input.username } : {}),
        ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
        ...(input.role !== undefined ? { role: input.role } : {}),
        ...(input.first_name !== undefined ? { first_name: blankToNull(input.first_name) } : {}),
        ...(input.last_name !== undefined ? { last_name: blankToNull(input.last_name) } : {}),
        ...(phone !== undefined ? { phone_number: phone } : {}),
        ...(input.is_active !== undefined ? { is_active: input.is_active } : {}),
        ...(company.id !== scope.id ? { company_id: company.id } : {}),
      });
      if (!updated) throw notFound('User not found.');
      return { user: updated, company };
    } catch (e) {
      throw conflict(e);
    }
  }

  async delete(actor: Principal, scope: CompanyRow, id: number): Promise<void> {
    const target = await this.get(scope, id);
    if (target.is_superuser) throw new AppError('FORBIDDEN', 'A superuser cannot be deleted.');
    if (target.id === actor.user.id) throw new AppError('UNPROCESSABLE', 'You cannot delete yourself.');
    if (!(await this.users.delete(scope.id, id))) throw notFound('User not found.');
  }

  private async insert(company: CompanyRow, input: Omit<CreateUserRequest, 'company_id'>, superuser = false) {
    const phone = this.phone(input.phone_number, company);
    const passwordHash = await hashPassword(input.password);
    try {
      return await this.users.insert(
        company.id,
        {
          username: input.username,
          password_hash: passwordHash,
          role: input.role,
          first_name: blankToNull(input.first_name),
          last_name: blankToNull(input.last_name),
          phone_number: phone ?? null,
          is_superuser: superuser,
        },
        { superuser: (anyUserYet) => isNewUserSuperuser(superuser, anyUserYet) },
      );
    } catch (e) {
      throw conflict(e);
    }
  }

  /** Where a create/move lands: only a superuser may name another company. */
  private async targetCompany(actor: Principal, scope: CompanyRow, companyId: number | undefined): Promise<CompanyRow> {
    if (companyId === undefined || companyId === scope.id) return scope;
    if (!can(actor.user, 'companies.act-in-any')) {
      throw new AppError('NOT_FOUND', 'Company not found.', { fields: { company_id: 'no such company' } });
    }
    try {
      return await this.companies.get(companyId);
    } catch {
      throw new AppError('NOT_FOUND', 'Company not found.', { fields: { company_id: 'no such company' } });
    }
  }

  /** Agents' phones are stored normalised so dialer reports can be matched to them. */
  private phone(raw: string | null | undefined, company: CompanyRow): string | null | undefined {
    if (raw === undefined) return undefined;
    if (raw === null || raw.trim() === '') return null;
    const r = normalizePhone(raw, company.default_region);
    if (!r.ok) throw new AppError('VALIDATION_FAILED', `phone_number: ${r.reason}`, { fields: { phone_number: r.reason } });
    return r.phone;
  }
}

function conflict(e: unknown): unknown {
  switch (uniqueViolation(e)) {
    case 'users_username_key':
      return new AppError('CONFLICT', 'This username is already taken.', { fields: { username: 'already taken' } });
    case 'users_company_phone_key':
      return new AppError('CONFLICT', 'Another user of this company has this phone number.', {
        fields: { phone_number: 'already used by another user' },
      });
  }
  return e;
}
