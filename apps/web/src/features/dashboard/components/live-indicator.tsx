import { useTranslation } from 'react-i18next';
import { cn } from '../../../lib/cn';
import type { StreamState } from '../api/use-stats-stream';

const DOT: Record<StreamState, string> = {
  live: 'bg-emerald-600',
  connecting: 'bg-zinc-400',
  reconnecting: 'bg-amber-500 motion-safe:animate-pulse',
  off: 'bg-zinc-400',
};

/** Whether the figures move by themselves: a polite live region, so a screen reader hears a lost connection. */
export function LiveIndicator({ state }: { state: StreamState }) {
  const { t } = useTranslation();
  return (
    <p
      role="status"
      data-testid="live-indicator"
      data-state={state}
      title={t(`dashboard.live.${state}Hint`)}
      className={cn(
        'inline-flex h-9 items-center gap-2 rounded-full border px-3 text-sm font-medium',
        state === 'live' ? 'border-emerald-200 bg-emerald-50 text-emerald-800' : 'border-zinc-200 bg-white text-zinc-700',
      )}
    >
      <span aria-hidden="true" className={cn('size-2 rounded-full', DOT[state])} />
      {t(`dashboard.live.${state}`)}
    </p>
  );
}
