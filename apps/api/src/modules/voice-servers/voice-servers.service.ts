import type { LookupFunction } from 'node:net';
import type { CreateVoiceServerRequest, UpdateVoiceServerRequest } from '@dialdeck/contracts/voice-servers';
import { voiceServerUrlProblem } from '@dialdeck/contracts/voice-servers';
import { AppError, notFound, uniqueViolation } from '../../lib/errors';
import type { HandshakeRecord, VoiceServerRow, VoiceServersRepository } from './voice-servers.repository';
import { HANDSHAKE_TIMEOUT_MS, websocketHandshake, type HandshakeOutcome } from './websocket-handshake';

export interface VoiceServersOptions {
  /** The whole handshake's limit; 5 s unless a test wants a dead server found sooner. */
  handshakeTimeoutMs?: number;
  /** Name resolution for handshakes (dns.lookup); tests stand in their own. */
  lookup?: LookupFunction;
}

/** How many servers one re-verification pass checks at once: a pass lasts about one timeout, not one per server. */
const REVERIFY_CONCURRENCY = 8;

export class VoiceServersService {
  private readonly timeoutMs: number;

  constructor(
    private readonly repo: VoiceServersRepository,
    private readonly opts: VoiceServersOptions = {},
  ) {
    this.timeoutMs = opts.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  }

  list(): Promise<VoiceServerRow[]> {
    return this.repo.list();
  }

  async get(id: number): Promise<VoiceServerRow> {
    const row = await this.repo.findById(id);
    if (!row) throw notFound('Voice server not found.');
    return row;
  }

  async create(input: CreateVoiceServerRequest): Promise<VoiceServerRow> {
    try {
      return await this.repo.insert(input);
    } catch (e) {
      throw conflict(e);
    }
  }

  async update(id: number, input: UpdateVoiceServerRequest): Promise<VoiceServerRow> {
    let row: VoiceServerRow | undefined;
    try {
      row = await this.repo.update(id, input);
    } catch (e) {
      throw conflict(e);
    }
    if (!row) throw notFound('Voice server not found.');
    return row;
  }

  async remove(id: number): Promise<void> {
    if (!(await this.repo.delete(id))) throw notFound('Voice server not found.');
  }

  /** The highest-priority verified active server (ties: the least recently picked), marked as picked; 404 when none. */
  async pick(): Promise<VoiceServerRow> {
    const row = await this.repo.pick();
    if (!row) throw notFound('No verified active voice server.');
    return row;
  }

  /** A handshake with the server now, recorded on it: verified, or failed with the reason. */
  async verify(id: number): Promise<VoiceServerRow> {
    const server = await this.get(id);
    // No abort signal: closing the app waits for this request like any other.
    const outcome = await this.handshake(server.url);
    const recorded = await this.repo.recordHandshake(id, server.url, record(outcome));
    if (recorded) return recorded;
    await this.get(id); // 404 when it was deleted meanwhile
    throw new AppError('CONFLICT', 'The url changed while it was being verified; verify again.', { fields: { url: 'changed meanwhile' } });
  }

  /**
   * One re-verification pass over the active servers, in one process at a time (the
   * others find the lock taken and skip the pass). Each outcome is recorded as soon as
   * it is known, so a dead server leaves the pick at once. undefined: another process
   * holds the pass; else how many servers were checked.
   */
  async reverifyActive(signal?: AbortSignal): Promise<number | undefined> {
    const done = await this.repo.withReverifyLock(async () => {
      const queue = await this.repo.listActive();
      let checked = 0;
      const worker = async () => {
        for (let server = queue.shift(); server && !signal?.aborted; server = queue.shift()) {
          const outcome = await this.handshake(server.url, signal);
          if (outcome.ok === false && outcome.aborted) return;
          await this.repo.recordHandshake(server.id, server.url, record(outcome));
          checked++;
        }
      };
      await Promise.all(Array.from({ length: Math.min(REVERIFY_CONCURRENCY, queue.length) }, worker));
      return checked;
    });
    return done?.value;
  }

  private handshake(url: string, signal?: AbortSignal): Promise<HandshakeOutcome> {
    // Rows are checked when written; this also covers one stored before a rule was tightened.
    const problem = voiceServerUrlProblem(url);
    if (problem) return Promise.resolve({ ok: false, error: `the url is refused: ${problem}` });
    return websocketHandshake(url, { timeoutMs: this.timeoutMs, lookup: this.opts.lookup, signal });
  }
}

function record(outcome: HandshakeOutcome): HandshakeRecord {
  return outcome.ok ? { status: 'verified', error: null } : { status: 'failed', error: outcome.error };
}

function conflict(e: unknown): unknown {
  if (uniqueViolation(e) === 'voice_servers_name_key') {
    return new AppError('CONFLICT', 'A voice server with this name already exists.', { fields: { name: 'already exists' } });
  }
  return e;
}
