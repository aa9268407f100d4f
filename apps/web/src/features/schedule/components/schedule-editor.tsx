import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScheduleResponse } from '@dialdeck/contracts/schedule';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Card } from '../../../components/ui/card';
import { SwitchField } from '../../../components/ui/switch';
import { useToast } from '../../../components/ui/toast';
import { ApiError } from '../../../lib/api-client';
import { formatInZone } from '../../../lib/calendar-dates';
import { errorMessage, focusFirstInvalid } from '../../../lib/form-errors';
import type { Formatters } from '../../../lib/use-format';
import { useUpdateSchedule } from '../api/update-schedule';
import {
  addWindow,
  copyDayToAll,
  draftFromSchedule,
  draftSignature,
  removeWindow,
  requestFromDraft,
  serverWindowErrors,
  updateWindow,
  validateDraft,
  type ScheduleDraft,
  type WindowErrors,
} from '../schedule-draft';
import { DAY_KEYS, weekOrder, type ApiDay } from '../week-days';
import { DayColumn } from './day-column';

export interface ScheduleEditorProps {
  schedule: ScheduleResponse;
  company: string | undefined;
  timeZone: string | undefined;
  format: Formatters;
}

/**
 * The switches and the weekly windows, edited as one draft and saved with one PUT
 * (windows are replaced as a whole, so the draft is the whole week).
 */
export function ScheduleEditor({ schedule, company, timeZone, format }: ScheduleEditorProps) {
  const { t, i18n } = useTranslation();
  const toast = useToast();
  const update = useUpdateSchedule();
  const formRef = useRef<HTMLFormElement>(null);
  const weekTitleId = useId();

  const [baseline, setBaseline] = useState(schedule);
  const [draft, setDraft] = useState<ScheduleDraft>(() => draftFromSchedule(schedule));
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<WindowErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const baselineSignature = useMemo(() => draftSignature(draftFromSchedule(baseline)), [baseline]);
  const dirty = draftSignature(draft) !== baselineSignature;

  const reset = (next: ScheduleResponse) => {
    setBaseline(next);
    setDraft(draftFromSchedule(next));
    setTouched(new Set());
    setSubmitted(false);
    setServerErrors({});
    setFormError(null);
  };

  // A newer schedule from the server (the dialer switched it, another admin saved):
  // adopt it when nothing is being edited; otherwise say so and let the person choose.
  const changedElsewhere = schedule.config.version !== baseline.config.version || schedule.config.updated_at !== baseline.config.updated_at;
  useEffect(() => {
    if (changedElsewhere && !dirty) reset(schedule);
  }, [changedElsewhere, dirty, schedule]);

  const clientErrors = useMemo(() => validateDraft(draft), [draft]);
  const shownError = (key: string) => serverErrors[key] ?? (submitted || touched.has(key) ? clientErrors[key] : undefined);
  const invalidCount = Object.keys(clientErrors).length;

  const edit = (next: ScheduleDraft, key?: string) => {
    setDraft(next);
    setFormError(null);
    if (key && serverErrors[key]) {
      setServerErrors(({ [key]: _dropped, ...rest }) => rest);
    }
  };

  const order = weekOrder(i18n.language);
  const dayName = (day: ApiDay) => t(`weekdays.${DAY_KEYS[day]}`);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    setFormError(null);
    if (invalidCount > 0) {
      focusFirstInvalid(formRef.current);
      return;
    }
    const { body, keys } = requestFromDraft(draft);
    update.mutate(
      { body, company },
      {
        onSuccess: (saved) => {
          reset(saved);
          toast.success(t('schedule.savedToast', { n: format.number(saved.config.version) }));
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status === 400 && Object.keys(error.fields).length > 0) {
            const mapped = serverWindowErrors(error.fields, keys);
            setServerErrors(mapped.windows);
            setFormError(mapped.other.length ? mapped.other.join(' · ') : null);
            focusFirstInvalid(formRef.current);
            return;
          }
          setFormError(errorMessage(error, t));
        },
      },
    );
  }

  const pending = update.isPending;
  const config = schedule.config;

  return (
    <Card>
      <form ref={formRef} onSubmit={submit} noValidate aria-labelledby={weekTitleId}>
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-zinc-100 px-6 py-4">
          <div className="min-w-0">
            <h2 id={weekTitleId} className="text-base font-semibold text-zinc-900">
              {t('schedule.weekTitle')}
            </h2>
            <p className="mt-1 text-sm text-zinc-600">{t('schedule.weekHint')}</p>
          </div>
          <div className="flex flex-col items-end gap-1 text-end">
            <Badge tone="accent" className="text-sm">
              <span data-testid="schedule-version">{t('schedule.version', { n: format.number(config.version) })}</span>
            </Badge>
            <p className="text-xs text-zinc-500">
              {t('schedule.lastChanged', { time: formatInZone(config.updated_at, i18n.language, timeZone) })}
            </p>
          </div>
        </div>

        <div className="grid gap-4 border-b border-zinc-100 px-6 py-4 sm:grid-cols-2">
          <SwitchField
            label={t('schedule.enabled')}
            hint={t('schedule.enabledHint')}
            checked={draft.enabled}
            disabled={pending}
            onChange={(enabled) => edit({ ...draft, enabled })}
          />
          <SwitchField
            label={t('schedule.skipHolidays')}
            hint={t('schedule.skipHolidaysHint')}
            checked={draft.skip_holidays}
            disabled={pending}
            onChange={(skip_holidays) => edit({ ...draft, skip_holidays })}
          />
        </div>

        <div className="space-y-4 p-4">
          {changedElsewhere && dirty ? (
            <Alert tone="info">
              <p>{t('schedule.changedElsewhere', { n: format.number(config.version) })}</p>
              <Button variant="secondary" size="sm" className="mt-2" onClick={() => reset(schedule)}>
                {t('schedule.loadCurrent')}
              </Button>
            </Alert>
          ) : null}
          <div
            role="group"
            aria-label={t('schedule.weekLabel')}
            data-testid="schedule-week"
            className="grid grid-cols-1 gap-2 sm:grid-cols-2 lg:grid-cols-4 xl:grid-cols-7"
          >
            {order.map((day) => (
              <DayColumn
                key={day}
                apiDay={day}
                name={dayName(day)}
                windows={draft.days[day] ?? []}
                errorOf={shownError}
                disabled={pending}
                formatNumber={format.number}
                onAdd={() => edit(addWindow(draft, day))}
                onRemove={(key) => edit(removeWindow(draft, key), key)}
                onChange={(key, patch) => edit(updateWindow(draft, key, patch), key)}
                onBlur={(key) => setTouched((current) => (current.has(key) ? current : new Set(current).add(key)))}
                onCopyToAll={() => {
                  edit(copyDayToAll(draft, day));
                  toast.success(t('schedule.copiedToAll', { day: dayName(day) }));
                }}
              />
            ))}
          </div>
        </div>

        <div className="flex flex-wrap items-center justify-end gap-3 rounded-b-xl border-t border-zinc-100 bg-zinc-50/60 px-6 py-4">
          <div className="me-auto min-w-0 text-sm" aria-live="polite">
            {formError ? (
              <p role="alert" className="font-medium text-red-700">
                {formError}
              </p>
            ) : submitted && invalidCount > 0 ? (
              <p className="font-medium text-red-700">
                {t('schedule.errors.fixWindows', { count: invalidCount, n: format.number(invalidCount) })}
              </p>
            ) : dirty ? (
              <p className="text-amber-700">{t('schedule.unsaved')}</p>
            ) : null}
          </div>
          <Button variant="secondary" disabled={!dirty || pending} onClick={() => reset(schedule)}>
            {t('schedule.discard')}
          </Button>
          <Button type="submit" loading={pending} disabled={!dirty && !pending}>
            {pending ? t('common.saving') : t('schedule.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
