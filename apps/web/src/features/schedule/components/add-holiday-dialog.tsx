import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateHolidayRequest } from '@dialdeck/contracts/schedule';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogBody, DialogFooter } from '../../../components/ui/dialog';
import { TextField } from '../../../components/ui/form-field';
import { localCalendarHint } from '../../../lib/calendar-dates';
import { focusFirstInvalid, serverFormErrors, zodFieldErrors, type FieldErrors } from '../../../lib/form-errors';
import { intlLocale } from '../../../lib/use-format';
import { useCreateHoliday } from '../api/create-holiday';

export interface AddHolidayDialogProps {
  open: boolean;
  company: string | undefined;
  /** A date to start from (e.g. in the year on screen). */
  defaultDate: string;
  onClose: () => void;
  onAdded: (holiday: CreateHolidayRequest) => void;
}

export function AddHolidayDialog({ open, company, defaultDate, onClose, onAdded }: AddHolidayDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('schedule.holidays.addTitle')}>
      {open ? <AddHolidayForm company={company} defaultDate={defaultDate} onClose={onClose} onAdded={onAdded} /> : null}
    </Dialog>
  );
}

function AddHolidayForm({ company, defaultDate, onClose, onAdded }: Omit<AddHolidayDialogProps, 'open'>) {
  const { t, i18n } = useTranslation();
  const create = useCreateHoliday();
  const formRef = useRef<HTMLFormElement>(null);
  const [date, setDate] = useState(defaultDate);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setFormError(null);
    const parsed = CreateHolidayRequest.safeParse({ date, name });
    if (!parsed.success) {
      setErrors(zodFieldErrors(parsed.error, t, intlLocale(i18n.language), { date: t('validation.required') }));
      focusFirstInvalid(formRef.current);
      return;
    }
    setErrors({});
    create.mutate(
      { body: parsed.data, company },
      {
        onSuccess: () => onAdded(parsed.data),
        onError: (error) => {
          // 409: the date is a holiday already (from the calendar or the company).
          const mapped = serverFormErrors(error, t, {
            fields: ['date', 'name'],
            conflictField: 'date',
            conflictMessages: { date: t('schedule.holidays.dateTaken') },
          });
          setErrors(mapped.fields);
          setFormError(mapped.form);
          focusFirstInvalid(formRef.current);
        },
      },
    );
  }

  const reading = date ? localCalendarHint(date, i18n.language) : undefined;

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label={t('schedule.holidays.date')}
          type="date"
          dir="ltr"
          required
          data-autofocus
          value={date}
          error={errors.date}
          hint={reading}
          onChange={(e) => {
            setDate(e.target.value);
            if (errors.date) setErrors(({ date: _dropped, ...rest }) => rest);
          }}
        />
        <TextField
          label={t('schedule.holidays.name')}
          required
          maxLength={200}
          autoComplete="off"
          placeholder={t('schedule.holidays.namePlaceholder')}
          value={name}
          error={errors.name}
          onChange={(e) => {
            setName(e.target.value);
            if (errors.name) setErrors(({ name: _dropped, ...rest }) => rest);
          }}
        />
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose} disabled={create.isPending}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" loading={create.isPending}>
          {create.isPending ? t('common.creating') : t('schedule.holidays.add')}
        </Button>
      </DialogFooter>
    </form>
  );
}
