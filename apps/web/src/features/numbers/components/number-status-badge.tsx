import { useTranslation } from 'react-i18next';
import { isMutableStatus, type CallStatus } from '@dialdeck/contracts/numbers';
import { Badge } from '../../../components/ui/badge';
import { LockIcon } from '../../../components/ui/icons';
import { cn } from '../../../lib/cn';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info' | 'accent';

const TONES: Record<CallStatus, { tone: Tone; dot: string }> = {
  IN_QUEUE: { tone: 'neutral', dot: 'bg-zinc-400' },
  MISSED: { tone: 'warning', dot: 'bg-amber-500' },
  CONNECTED: { tone: 'success', dot: 'bg-emerald-500' },
  FAILED: { tone: 'danger', dot: 'bg-red-500' },
  NOT_INTERESTED: { tone: 'neutral', dot: 'bg-zinc-500' },
  HANGUP: { tone: 'warning', dot: 'bg-amber-500' },
  DISCONNECTED: { tone: 'warning', dot: 'bg-amber-500' },
  BUSY: { tone: 'info', dot: 'bg-sky-500' },
  POWER_OFF: { tone: 'neutral', dot: 'bg-zinc-500' },
  BANNED: { tone: 'danger', dot: 'bg-red-500' },
  UNKNOWN: { tone: 'neutral', dot: 'bg-zinc-400' },
  INBOUND_CALL: { tone: 'accent', dot: 'bg-indigo-500' },
  COMPLAINED: { tone: 'danger', dot: 'bg-red-600' },
};

/** A status with a dot and, when it is final, a lock: the meaning never rests on colour alone. */
export function NumberStatusBadge({ status, className }: { status: CallStatus; className?: string }) {
  const { t } = useTranslation();
  const { tone, dot } = TONES[status];
  const final = !isMutableStatus(status);
  return (
    <Badge tone={tone} className={className}>
      <span aria-hidden="true" className={cn('size-1.5 rounded-full', dot)} />
      {t(`numbers.statuses.${status}`)}
      {final ? (
        <>
          <LockIcon className="size-3 opacity-70" />
          <span className="sr-only">({t('numbers.finalStatus')})</span>
        </>
      ) : null}
    </Badge>
  );
}
