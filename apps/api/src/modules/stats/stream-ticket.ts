import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { AppError } from '../../lib/errors';
import type { Clock } from '../../lib/time';

export const STREAM_TICKET_TTL_SECONDS = 60;
/** Neither an access token (no audience, typ `access`) passes as a ticket, nor a ticket as an access token (typ). */
const AUDIENCE = 'dialdeck:stats-stream';
const TYP = 'stats-stream';

export interface StreamTicketClaims {
  userId: number;
  tokenVersion: number;
  companyId: number;
}

/** Short-lived signed tickets for `GET /api/stats/stream` (an EventSource cannot send an Authorization header). */
export class StreamTickets {
  constructor(
    private readonly secret: Uint8Array,
    private readonly clock: Clock,
  ) {}

  async sign(claims: StreamTicketClaims): Promise<{ ticket: string; expiresAt: Date }> {
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const exp = iat + STREAM_TICKET_TTL_SECONDS;
    const ticket = await new SignJWT({ typ: TYP, ver: claims.tokenVersion, cid: claims.companyId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(claims.userId))
      .setAudience(AUDIENCE)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.secret);
    return { ticket, expiresAt: new Date(exp * 1000) };
  }

  /** The ticket's claims, or an UNAUTHORIZED AppError saying why. */
  async verify(ticket: string | undefined): Promise<StreamTicketClaims> {
    if (!ticket) throw new AppError('UNAUTHORIZED', 'Missing ticket: get one from POST /api/stats/stream-ticket and pass it as ?ticket=.');
    try {
      const { payload } = await jwtVerify(ticket, this.secret, {
        algorithms: ['HS256'],
        audience: AUDIENCE,
        currentDate: this.clock.now(),
        requiredClaims: ['exp', 'iat', 'sub', 'aud'],
        maxTokenAge: STREAM_TICKET_TTL_SECONDS,
      });
      const userId = Number(payload.sub);
      const { ver, cid } = payload;
      if (
        payload.typ !== TYP ||
        !Number.isInteger(userId) ||
        userId <= 0 ||
        typeof ver !== 'number' ||
        !Number.isInteger(ver) ||
        typeof cid !== 'number' ||
        !Number.isInteger(cid)
      ) {
        throw invalid();
      }
      return { userId, tokenVersion: ver, companyId: cid };
    } catch (e) {
      if (e instanceof AppError) throw e;
      if (e instanceof joseErrors.JWTExpired) {
        throw new AppError('UNAUTHORIZED', 'Ticket expired (tickets last 60 s): get a new one from POST /api/stats/stream-ticket.');
      }
      throw invalid();
    }
  }
}

const invalid = () => new AppError('UNAUTHORIZED', 'Invalid ticket: get one from POST /api/stats/stream-ticket.');
