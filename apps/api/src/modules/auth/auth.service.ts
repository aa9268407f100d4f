import type { UpdateMeRequest } from '@dialdeck/contracts/auth';
import { type AccessTokens, ACCESS_TOKEN_TTL_SECONDS, type Principal } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { blankToNull } from '../../lib/text';
import type { Clock } from '../../lib/time';
import type { UsersRepository } from '../users/users.repository';
import { toPublicUser } from '../users/user-view';
import type { LoginFailuresRepository } from './login-failures.repository';

/** A username may fail 5 times from one address in 15 minutes; one address 30 times over all usernames. */
export const LOGIN_LIMITS = { windowMs: 15 * 60_000, perUser: 5, perIp: 30 } as const;

const INVALID_LOGIN = 'Invalid username or password.';

export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly failures: LoginFailuresRepository,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
  ) {}

  async login(username: string, password: string, ip: string) {
    const now = this.clock.now();
    const userKey = `user:${ip}|${username.toLowerCase()}`;
    const ipKey = `ip:${ip}`;
    const counts = await this.failures.get([userKey, ipKey], now, LOGIN_LIMITS.windowMs);
    const byUser = counts.get(userKey);
    const byIp = counts.get(ipKey);
    const blocked = (byUser && byUser.failures >= LOGIN_LIMITS.perUser && byUser) || (byIp && byIp.failures >= LOGIN_LIMITS.perIp && byIp);
    if (blocked) {
      const retryAfter = Math.max(1, Math.ceil((blocked.windowStart.getTime() + LOGIN_LIMITS.windowMs - now.getTime()) / 1000));
      throw new AppError('RATE_LIMITED', `Too many failed logins. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }

    const user = await this.users.findByUsernameAnyCompany(username);
    // Unknown users cost a hash verification too, so timing does not reveal which usernames exist.
    const ok = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
    const principal = ok && user ? await this.users.findWithCompanyAnyCompany(user.id) : undefined;
    if (!principal || !isLoginAllowed(principal.user.is_active, principal.user.is_superuser, principal.company.is_active)) {
      await this.failures.increment([userKey, ipKey], now, LOGIN_LIMITS.windowMs);
      throw new AppError('UNAUTHORIZED', INVALID_LOGIN);
    }
    await this.failures.clear(userKey);
    return { access_token: await this.tokens.sign(principal.user.id), token_type: 'bearer' as const, expires_in: ACCESS_TOKEN_TTL_SECONDS };
  }

  /** The guard's lookup: an active user (in an active company, unless superuser), or undefined. */
  async principal(userId: number): Promise<Principal | undefined> {
    const found = await this.users.findWithCompanyAnyCompany(userId);
    if (!found || !isLoginAllowed(found.user.is_active, found.user.is_superuser, found.company.is_active)) return undefined;
    return { kind: 'user', user: toPublicUser(found.user), company: found.company };
  }

  async updateMe(me: Principal, input: UpdateMeRequest) {
    const row = await this.users.findById(me.company.id, me.user.id);
    if (!row || !(await verifyPassword(row.password_hash, input.current_password))) {
      throw new AppError('FORBIDDEN', 'The current password is wrong.', { fields: { current_password: 'wrong password' } });
    }
    const updated = await this.users.update(me.company.id, me.user.id, {
      ...(input.first_name !== undefined ? { first_name: blankToNull(input.first_name) } : {}),
      ...(input.last_name !== undefined ? { last_name: blankToNull(input.last_name) } : {}),
      ...(input.new_password !== undefined ? { password_hash: await hashPassword(input.new_password) } : {}),
    });
    if (!updated) throw new AppError('UNAUTHORIZED');
    return updated;
  }
}

function isLoginAllowed(userActive: boolean, superuser: boolean, companyActive: boolean): boolean {
  return userActive && (superuser || companyActive);
}
