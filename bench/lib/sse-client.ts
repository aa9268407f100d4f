import http from 'node:http';

/** A `stats` event as a dashboard receives it: when it arrived, and today's attempts total in it. */
export interface StreamEvent {
  at: number;
  total: number;
}

/**
 * A dashboard's EventSource, in node:http (one socket of its own, as a browser tab has):
 * records every `stats` event of GET /api/stats/stream with its arrival time.
 */
export function openStatsStream(url: string): Promise<{ events: StreamEvent[]; close: () => void }> {
  return new Promise((resolve, reject) => {
    const events: StreamEvent[] = [];
    const req = http.get(url, { agent: false, headers: { accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) {
        reject(new Error(`stream: ${res.statusCode}`));
        res.resume();
        return;
      }
      res.setEncoding('utf8');
      let buffer = '';
      res.on('data', (chunk: string) => {
        const at = performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.startsWith('event: stats')) continue; // a `: ping` heartbeat
          const data = block.split('\n').find((l) => l.startsWith('data: '));
          if (!data) continue;
          const parsed = JSON.parse(data.slice(6)) as { attempts_today: { total: number } };
          events.push({ at, total: parsed.attempts_today.total });
        }
      });
      resolve({ events, close: () => req.destroy() });
    });
    req.on('error', (e) => {
      if (!req.destroyed) reject(e);
    });
  });
}

/**
 * Event lag of one stream: for the i-th acknowledged report (acks in time order), the time
 * from its acknowledgement to the first event whose total counts it (the stream's total
 * at connect + i + 1; 0 when an event counted it before its answer arrived). Totals only
 * grow while the reports run. `missing`: reports no event counted by the end.
 */
export function eventLags(acks: number[], events: StreamEvent[]): { lags: number[]; missing: number } {
  const base = events[0]?.total ?? 0;
  const lags: number[] = [];
  let e = 1;
  let missing = 0;
  for (let i = 0; i < acks.length; i++) {
    while (e < events.length && events[e]!.total < base + i + 1) e++;
    if (e >= events.length) {
      missing = acks.length - i;
      break;
    }
    lags.push(Math.max(0, events[e]!.at - acks[i]!));
  }
  return { lags, missing };
}
