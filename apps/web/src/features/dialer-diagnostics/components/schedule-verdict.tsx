import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { DiagnosticsResponse } from '@dialdeck/contracts/dialer';
import { Badge } from '../../../components/ui/badge';
import { ChevronEndIcon, ClockIcon } from '../../../components/ui/icons';
import { formatInZone } from '../../../lib/calendar-dates';
import { cn } from '../../../lib/cn';

const NEXT_FORMAT: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' };

/** What next-batch would answer right now, and when calling resumes, in the company's zone. */
export function ScheduleVerdict({ schedule, company }: { schedule: DiagnosticsResponse['schedule']; company: string | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const allowed = schedule.call_allowed;
  return (
    <div
      data-testid="schedule-verdict"
      className={cn(
        'self-start rounded-lg border p-4',
        allowed ? 'border-emerald-200 bg-emerald-50/60' : 'border-amber-200 bg-amber-50/60',
      )}
    >
      <h3 className="text-sm font-semibold text-zinc-900">{t('dialer.diagnostics.verdictTitle')}</h3>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Badge tone={allowed ? 'success' : 'warning'} className="text-sm">
          <span aria-hidden="true" className={cn('size-2 rounded-full', allowed ? 'bg-emerald-500' : 'bg-amber-500')} />
          {allowed ? t('dialer.diagnostics.allowed') : t('dialer.diagnostics.refused')}
        </Badge>
        {!allowed && schedule.reason ? (
          <span className="text-sm text-zinc-800" data-testid="schedule-verdict-reason">
            {t(`dialer.diagnostics.reasons.${schedule.reason}`)}
          </span>
        ) : null}
      </div>
      {!allowed ? (
        <p className="mt-2 flex items-center gap-1.5 text-sm text-zinc-700">
          <ClockIcon className="size-4 shrink-0 text-zinc-500" />
          {schedule.next_allowed_at ? (
            <time dateTime={schedule.next_allowed_at}>
              {t('dialer.diagnostics.nextAllowed', {
                time: formatInZone(schedule.next_allowed_at, language, schedule.timezone, NEXT_FORMAT),
              })}
            </time>
          ) : (
            t('dialer.diagnostics.noNextAllowed')
          )}
        </p>
      ) : null}
      <p className="mt-2 text-xs text-zinc-500">
        {t('dialer.diagnostics.serverTime', {
          time: formatInZone(schedule.server_time, language, schedule.timezone),
          timeZone: '\u2068' + schedule.timezone + '\u2069',
        })}
      </p>
      <Link
        to="/schedule"
        search={company ? { company } : {}}
        className="mt-3 inline-flex items-center gap-1 text-sm font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
      >
        {t('dialer.diagnostics.openSchedule')}
        <ChevronEndIcon className="size-4 rtl:-scale-x-100" />
      </Link>
    </div>
  );
}
