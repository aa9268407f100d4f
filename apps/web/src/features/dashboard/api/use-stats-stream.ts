import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { StatsStreamEvent, StreamTicketResponse } from '@dialdeck/contracts/stats';
import { ApiError, apiRequest, buildUrl } from '../../../lib/api-client';
import { statsKeys } from './stats-keys';

export type StreamState = 'connecting' | 'live' | 'reconnecting' | 'off';

/** Other figures follow a burst of results at most this often: one refetch per window, the last event always counted. */
export const INVALIDATE_EVERY_MS = 3_000;
const MAX_BACKOFF_MS = 30_000;

/** 1 s, 2 s, 4 s … up to 30 s, with jitter so many dashboards do not reconnect in step after a restart. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(attempt, 5));
  return Math.round(base * (0.75 + random() * 0.5));
}

/**
 * The live statistics stream. An EventSource cannot send an Authorization header, so
 * each connection starts with a fresh 60-second ticket; on an error the source is closed
 * (the browser's own retry would reuse the expired ticket) and a new ticket is fetched
 * after a backoff. Each `stats` event writes today's attempts summary into the cache
 * (the KPIs move at once) and invalidates the other figures, throttled.
 */
export function useStatsStream(company: string | undefined, enabled = true): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>(enabled ? 'connecting' : 'off');
  const stateRef = useRef(state);

  useEffect(() => {
    if (!enabled) return;
    let closed = false;
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let throttle: ReturnType<typeof setTimeout> | undefined;
    let lastInvalidate = 0;
    let attempt = 0;
    const todayKey = statsKeys.attemptsSummary('today', undefined, company);
    const set = (next: StreamState) => {
      stateRef.current = next;
      setState(next);
    };

    const invalidateOthers = () => {
      throttle = undefined;
      lastInvalidate = Date.now();
      void queryClient.invalidateQueries({
        queryKey: statsKeys.all,
        predicate: (q) => JSON.stringify(q.queryKey) !== JSON.stringify(todayKey),
      });
    };
    const scheduleInvalidate = () => {
      if (throttle) return;
      const wait = Math.max(0, lastInvalidate + INVALIDATE_EVERY_MS - Date.now());
      throttle = setTimeout(invalidateOthers, wait);
    };

    const reconnect = () => {
      if (closed) return;
      set('reconnecting');
      clearTimeout(retry);
      retry = setTimeout(() => void connect(), backoffMs(attempt++));
    };

    async function connect() {
      let ticket: string;
      try {
        ticket = (await apiRequest('/api/stats/stream-ticket', { method: 'POST', query: { company }, schema: StreamTicketResponse }))
          .ticket;
      } catch (error) {
        // Not allowed (403) or signed out (401, handled by the app): retrying cannot help.
        if (error instanceof ApiError && (error.status === 401 || error.status === 403)) {
          if (!closed) set('off');
          return;
        }
        reconnect();
        return;
      }
      if (closed) return;
      const es = new EventSource(buildUrl('/api/stats/stream', { ticket }));
      source = es;
      es.onopen = () => {
        attempt = 0;
        set('live');
      };
      es.addEventListener('stats', (event) => {
        let data: StatsStreamEvent;
        try {
          data = StatsStreamEvent.parse(JSON.parse((event as MessageEvent<string>).data));
        } catch {
          return;
        }
        if (stateRef.current !== 'live') set('live');
        queryClient.setQueryData(todayKey, data.attempts_today);
        scheduleInvalidate();
      });
      es.onerror = () => {
        es.close();
        if (source === es) source = null;
        reconnect();
      };
    }

    set('connecting');
    void connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      clearTimeout(throttle);
      source?.close();
    };
  }, [company, enabled, queryClient]);

  return enabled ? state : 'off';
}
