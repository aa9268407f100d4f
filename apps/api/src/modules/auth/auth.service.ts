import type { UpdateMeRequest } from '@dialdeck/contracts/auth';
import { type AccessTokens, ACCESS_TOKEN_TTL_SECONDS, type Principal } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { dummyPasswordHash, hashPassword, verifyPassword } from '../../lib/passwords';
import { blankToNull } from '../../lib/text';
import type { Clock } from '../../lib/time';
import type { UsersService } from '../users/users.service';
import type { LoginFailuresRepository } from './login-failures.repository';
import {
  currentPasswordKeys,
  loginKeys,
  onSuccess,
  refusal,
  retryAfterSeconds,
  WINDOW_MS,
  type Reserved,
  type ThrottleKind,
} from './login-throttle-rules';

const INVALID_LOGIN = 'Invalid username or password.';

export type PasswordCheck = (passwordHash: string, password: string) => Promise<boolean>;

export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly failures: LoginFailuresRepository,
    private readonly tokens: AccessTokens,
    private readonly clock: Clock,
    /** Injected so tests can count how many passwords an attack gets checked. */
    private readonly checkPassword: PasswordCheck = verifyPassword,
  ) {}

  async login(username: string, password: string, address: string) {
    const reserved = await this.reserve(loginKeys(username, address));
    const user = await this.users.findForLogin(username);
    // Unknown users cost a hash verification too, so timing does not reveal which usernames exist.
    const ok = await this.checkPassword(user?.password_hash ?? (await dummyPasswordHash()), password);
    const principal = ok && user ? await this.users.findWithCompany(user.id) : undefined;
    if (!user || !principal || !isLoginAllowed(principal.user.is_active, principal.user.is_superuser, principal.company.is_active)) {
      throw new AppError('UNAUTHORIZED', INVALID_LOGIN); // the reservation stays as the failure
    }
    await this.release(reserved);
    await this.users.recordLogin(principal.company, user.id, this.clock.now());
    return {
      // The version of the row whose hash was verified: a password changed since then
      // has bumped it, and this token is born dead.
      access_token: await this.tokens.sign(user.id, user.token_version),
      token_type: 'bearer' as const,
      expires_in: ACCESS_TOKEN_TTL_SECONDS,
    };
  }

  /** Reserves this attempt on every key (login-throttle-rules.ts), or refuses it with 429 and Retry-After. */
  private async reserve(keys: { kind: ThrottleKind; key: string }[]): Promise<Reserved[]> {
    const now = this.clock.now();
    const counts = await this.failures.reserve(
      keys.map((k) => k.key),
      now,
      WINDOW_MS,
    );
    const reserved = keys.map(({ kind, key }) => {
      const c = counts.get(key);
      if (!c) throw new Error(`login_failures answered no row for ${key}`);
      return { kind, key, attempts: c.attempts, windowStart: c.windowStart };
    });
    const refused = refusal(reserved);
    if (refused) {
      const retryAfter = retryAfterSeconds(refused, now);
      throw new AppError('RATE_LIMITED', `Too many failed attempts. Try again in ${Math.ceil(retryAfter / 60)} minute(s).`, {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
    return reserved;
  }

  private async release(reserved: Reserved[]): Promise<void> {
    const { clear, giveBack } = onSuccess(reserved);
    await this.failures.release(clear, giveBack);
  }

  /** The guard's lookup: an active user (in an active company, unless superuser), or undefined. */
  async principal(userId: number): Promise<Principal | undefined> {
    const found = await this.users.findWithCompany(userId);
    if (!found || !isLoginAllowed(found.user.is_active, found.user.is_superuser, found.company.is_active)) return undefined;
    return { kind: 'user', user: this.users.toPublic(found.user), company: found.company };
  }

  /**
   * A new password ends every session of the user (migration 0009's trigger bumps
   * token_version); the session that changed it goes on with the fresh token answered.
   */
  async updateMe(me: Principal, input: UpdateMeRequest) {
    const reserved = await this.reserve(currentPasswordKeys(me.user.id));
    const row = await this.users.findRow(me.company, me.user.id);
    if (!row || !(await this.checkPassword(row.password_hash, input.current_password))) {
      throw new AppError('FORBIDDEN', 'The current password is wrong.', { fields: { current_password: 'wrong password' } });
    }
    await this.release(reserved);
    const updated = await this.users.updateOwn(me.company, me.user.id, {
      ...(input.first_name !== undefined ? { first_name: blankToNull(input.first_name) } : {}),
      ...(input.last_name !== undefined ? { last_name: blankToNull(input.last_name) } : {}),
      ...(input.new_password !== undefined ? { password_hash: await hashPassword(input.new_password) } : {}),
    });
    if (!updated) throw new AppError('UNAUTHORIZED');
    const view = this.users.view(updated, me.company);
    return input.new_password === undefined ? view : { ...view, access_token: await this.tokens.sign(updated.id, updated.token_version) };
  }

  /** The caller as the API shows them. */
  me(me: Principal) {
    return this.users.view(me.user, me.company);
  }
}

function isLoginAllowed(userActive: boolean, superuser: boolean, companyActive: boolean): boolean {
  return userActive && (superuser || companyActive);
}
