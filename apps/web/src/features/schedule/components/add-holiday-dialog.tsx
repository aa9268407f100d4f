import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Calendar } from '@dialdeck/contracts/common';
import { CreateHolidayRequest } from '@dialdeck/contracts/schedule';
import { Alert } from '../../../components/ui/alert';
import { DateField } from '../../../components/ui/date-field';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { TextField } from '../../../components/ui/form-field';
import { serverFormErrors } from '../../../lib/form-errors';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { useCreateHoliday } from '../api/create-holiday';

export interface AddHolidayDialogProps {
  open: boolean;
  company: string | undefined;
  /** A date to start from (e.g. in the year on screen). */
  defaultDate: string;
  /** The company's calendar: the date field shows it. */
  companyCalendar?: Calendar;
  onClose: () => void;
  onAdded: (holiday: CreateHolidayRequest) => void;
}

export function AddHolidayDialog({ open, company, defaultDate, companyCalendar, onClose, onAdded }: AddHolidayDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={t('schedule.holidays.addTitle')}>
      {open ? (
        <AddHolidayForm company={company} defaultDate={defaultDate} companyCalendar={companyCalendar} onClose={onClose} onAdded={onAdded} />
      ) : null}
    </Dialog>
  );
}

function AddHolidayForm({ company, defaultDate, companyCalendar, onClose, onAdded }: Omit<AddHolidayDialogProps, 'open'>) {
  const { t } = useTranslation();
  const create = useCreateHoliday();
  const form = useFormErrors();
  const { values, text, set } = useFormValues(() => ({ date: defaultDate, name: '' }), form);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = form.parse(CreateHolidayRequest, values, { hints: { date: t('validation.required') } });
    if (!data) return;
    create.mutate(
      { body: data, company },
      {
        onSuccess: () => onAdded(data),
        // 409: the date is a holiday already (from the calendar or the company).
        onError: (error) =>
          form.showErrors(
            serverFormErrors(error, t, {
              fields: ['date', 'name'],
              conflictField: 'date',
              conflictMessages: { date: t('schedule.holidays.dateTaken') },
            }),
          ),
      },
    );
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-5">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        {/* The dialog focuses the date's first segment (the year in Persian, the day in Hebrew, the month in English). */}
        <DateField
          label={t('schedule.holidays.date')}
          name="date"
          isRequired
          autoFocus
          value={values.date || undefined}
          onChange={(date) => set('date', date ?? '')}
          error={form.errors.date}
          companyCalendar={companyCalendar}
        />
        <TextField
          label={t('schedule.holidays.name')}
          required
          maxLength={200}
          autoComplete="off"
          placeholder={t('schedule.holidays.namePlaceholder')}
          {...text('name')}
        />
      </DialogBody>
      <DialogFooterActions
        onCancel={onClose}
        cancelDisabled={create.isPending}
        pending={create.isPending}
        submitLabel={create.isPending ? t('common.creating') : t('schedule.holidays.add')}
      />
    </form>
  );
}
