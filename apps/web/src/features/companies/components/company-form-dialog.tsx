import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Calendar, type Locale } from '@dialdeck/contracts/common';
import { CreateCompanyRequest, UpdateCompanyRequest, type CompanyResponse, type CompanySettings } from '@dialdeck/contracts/companies';
import { parseNumberInput } from '../../../lib/digits';
import { serverFormErrors } from '../../../lib/form-errors';
import { saveLabel } from '../../../lib/save-label';
import { useFormErrors } from '../../../lib/use-form-errors';
import { useFormValues } from '../../../lib/use-form-values';
import { Alert } from '../../../components/ui/alert';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { DialogFooterActions } from '../../../components/ui/dialog-footer-actions';
import { CheckboxField, SelectField, TextField } from '../../../components/ui/form-field';
import { useCreateCompany } from '../api/create-company';
import { useUpdateCompany } from '../api/update-company';

export type CompanyFormMode = { kind: 'create' } | { kind: 'edit'; company: CompanyResponse };

interface Values {
  name: string;
  display_name: string;
  timezone: string;
  locale: Locale;
  default_region: string;
  calendar: Calendar;
  cost_per_connected: string;
  currency: string;
  cooldown_days: string;
  is_active: boolean;
}

type RegionalKey = 'timezone' | 'default_region' | 'calendar' | 'currency';
const REGIONAL_KEYS: readonly string[] = ['timezone', 'default_region', 'calendar', 'currency'] satisfies RegionalKey[];

/** Sensible regional defaults per language, applied to a new company's untouched fields. */
const PRESETS: Partial<Record<Locale, Pick<Values, RegionalKey>>> = {
  fa: { timezone: 'Asia/Tehran', default_region: 'IR', calendar: 'jalali', currency: 'IRR' },
  he: { timezone: 'Asia/Jerusalem', default_region: 'IL', calendar: 'gregorian', currency: 'ILS' },
};

const FIELDS = [
  'name',
  'display_name',
  'timezone',
  'locale',
  'default_region',
  'calendar',
  'settings.cost_per_connected',
  'settings.currency',
  'settings.cooldown_days',
  'is_active',
] as const;

function initialValues(mode: CompanyFormMode): Values {
  if (mode.kind === 'create') {
    return {
      name: '',
      display_name: '',
      timezone: 'Asia/Tehran',
      locale: 'fa',
      default_region: 'IR',
      calendar: 'jalali',
      cost_per_connected: '0',
      currency: 'IRR',
      cooldown_days: '3',
      is_active: true,
    };
  }
  const { company } = mode;
  return {
    name: company.name,
    display_name: company.display_name,
    timezone: company.timezone,
    locale: company.locale,
    default_region: company.default_region,
    calendar: company.calendar,
    cost_per_connected: String(company.settings.cost_per_connected),
    currency: company.settings.currency,
    cooldown_days: String(company.settings.cooldown_days),
    is_active: company.is_active,
  };
}

function timeZones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Asia/Tehran', 'Asia/Jerusalem', 'Asia/Kolkata', 'UTC'];
  }
}

export interface CompanyFormDialogProps {
  mode: CompanyFormMode | null;
  onClose: () => void;
  onSaved: (company: CompanyResponse, mode: CompanyFormMode) => void;
}

export function CompanyFormDialog({ mode, onClose, onSaved }: CompanyFormDialogProps) {
  const { t } = useTranslation();
  const title = mode?.kind === 'edit' ? t('companies.editTitle', { name: mode.company.display_name }) : t('companies.createTitle');
  return (
    <Dialog open={mode !== null} onClose={onClose} title={title} size="lg">
      {mode ? (
        <CompanyForm key={mode.kind === 'edit' ? mode.company.id : 'create'} mode={mode} onClose={onClose} onSaved={onSaved} />
      ) : null}
    </Dialog>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="space-y-4">
      <legend className="mb-3 text-xs font-semibold tracking-wide text-zinc-500 uppercase">{title}</legend>
      {children}
    </fieldset>
  );
}

function CompanyForm({
  mode,
  onClose,
  onSaved,
}: {
  mode: CompanyFormMode;
  onClose: () => void;
  onSaved: CompanyFormDialogProps['onSaved'];
}) {
  const { t } = useTranslation();
  const [touched, setTouched] = useState<Set<RegionalKey>>(() => new Set());
  const form = useFormErrors();
  const { values, setValues, set, text, flag } = useFormValues(() => initialValues(mode), form, {
    // A regional field the person set is theirs: a later change of language leaves it alone.
    onSet: (key) => {
      if (REGIONAL_KEYS.includes(key)) setTouched((current) => new Set(current).add(key as RegionalKey));
    },
  });
  const create = useCreateCompany();
  const update = useUpdateCompany();
  const pending = create.isPending || update.isPending;
  const zones = useMemo(timeZones, []);
  const zonesListId = 'company-time-zones';
  const upper = (value: string) => value.toUpperCase();

  function changeLocale(locale: Locale) {
    setValues((current) => {
      const next = { ...current, locale };
      const preset = mode.kind === 'create' ? PRESETS[locale] : undefined;
      if (preset) {
        for (const key of Object.keys(preset) as RegionalKey[]) {
          if (!touched.has(key)) next[key] = preset[key] as never;
        }
      }
      return next;
    });
  }

  function onServerError(error: unknown) {
    form.showErrors(
      serverFormErrors(error, t, {
        fields: FIELDS,
        conflictField: 'name',
        conflictMessages: { name: t('errors.companyNameTaken') },
      }),
    );
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const hints = {
      name: t('validation.slug'),
      timezone: t('validation.timezone'),
      default_region: t('validation.region'),
      'settings.currency': t('validation.currency'),
    };
    const settings: Pick<CompanySettings, 'cost_per_connected' | 'currency' | 'cooldown_days'> = {
      cost_per_connected: parseNumberInput(values.cost_per_connected),
      currency: values.currency.trim().toUpperCase(),
      cooldown_days: parseNumberInput(values.cooldown_days),
    };

    if (mode.kind === 'create') {
      const data = form.parse(
        CreateCompanyRequest,
        {
          name: values.name,
          display_name: values.display_name,
          timezone: values.timezone.trim(),
          locale: values.locale,
          default_region: values.default_region,
          calendar: values.calendar,
          settings,
        },
        { hints },
      );
      if (!data) return;
      create.mutate(data, { onSuccess: (company) => onSaved(company, mode), onError: onServerError });
      return;
    }

    const { company } = mode;
    const body: Record<string, unknown> = {};
    if (values.name.trim() !== company.name) body.name = values.name;
    if (values.display_name.trim() !== company.display_name) body.display_name = values.display_name;
    if (values.timezone.trim() !== company.timezone) body.timezone = values.timezone.trim();
    if (values.locale !== company.locale) body.locale = values.locale;
    if (values.default_region.trim().toUpperCase() !== company.default_region) body.default_region = values.default_region;
    if (values.calendar !== company.calendar) body.calendar = values.calendar;
    if (values.is_active !== company.is_active) body.is_active = values.is_active;
    const changedSettings: Partial<CompanySettings> = {};
    if (settings.cost_per_connected !== company.settings.cost_per_connected)
      changedSettings.cost_per_connected = settings.cost_per_connected;
    if (settings.currency !== company.settings.currency) changedSettings.currency = settings.currency;
    if (settings.cooldown_days !== company.settings.cooldown_days) changedSettings.cooldown_days = settings.cooldown_days;
    if (Object.keys(changedSettings).length > 0) body.settings = changedSettings;

    const data = form.parse(UpdateCompanyRequest, body, { hints });
    if (!data) return;
    if (Object.keys(data).length === 0) {
      onClose();
      return;
    }
    update.mutate({ id: company.id, body: data }, { onSuccess: (saved) => onSaved(saved, mode), onError: onServerError });
  }

  return (
    <form ref={form.formRef} onSubmit={submit} noValidate>
      <DialogBody className="space-y-7">
        {form.formError ? <Alert>{form.formError}</Alert> : null}
        <Section title={t('companies.sections.general')}>
          <div className="grid gap-5 sm:grid-cols-2">
            <TextField label={t('companies.fields.displayName')} {...text('display_name')} data-autofocus required />
            <TextField
              label={t('companies.fields.name')}
              {...text('name')}
              dir="ltr"
              autoCapitalize="none"
              spellCheck={false}
              required
              hint={t('companies.fields.nameHint')}
            />
          </div>
          {mode.kind === 'edit' ? <CheckboxField label={t('companies.fields.isActive')} {...flag('is_active')} /> : null}
        </Section>

        <Section title={t('companies.sections.regional')}>
          <div className="grid gap-5 sm:grid-cols-2">
            <SelectField
              label={t('companies.fields.locale')}
              name="locale"
              value={values.locale}
              error={form.errors.locale}
              onChange={(e) => changeLocale(e.target.value === 'he' ? 'he' : e.target.value === 'en' ? 'en' : 'fa')}
            >
              <option value="fa">{t('locales.fa')}</option>
              <option value="he">{t('locales.he')}</option>
              <option value="en">{t('locales.en')}</option>
            </SelectField>
            <SelectField
              label={t('companies.fields.calendar')}
              name="calendar"
              value={values.calendar}
              error={form.errors.calendar}
              onChange={(e) => {
                const parsed = Calendar.safeParse(e.target.value);
                set('calendar', parsed.success ? parsed.data : 'jalali');
              }}
            >
              {Calendar.options.map((calendar) => (
                <option key={calendar} value={calendar}>
                  {t(`calendars.${calendar}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t('companies.fields.timezone')}
              {...text('timezone')}
              dir="ltr"
              list={zonesListId}
              autoComplete="off"
              spellCheck={false}
              hint={t('companies.fields.timezoneHint')}
            />
            <datalist id={zonesListId}>
              {zones.map((zone) => (
                <option key={zone} value={zone} />
              ))}
            </datalist>
            <TextField
              label={t('companies.fields.region')}
              {...text('default_region', { transform: upper })}
              dir="ltr"
              maxLength={2}
              autoCapitalize="characters"
              spellCheck={false}
              hint={t('companies.fields.regionHint')}
              className="uppercase"
            />
          </div>
        </Section>

        <Section title={t('companies.sections.billing')}>
          <div className="grid gap-5 sm:grid-cols-3">
            <TextField
              label={t('companies.fields.costPerConnected')}
              {...text('cost_per_connected', { errorKey: 'settings.cost_per_connected' })}
              dir="ltr"
              inputMode="decimal"
            />
            <TextField
              label={t('companies.fields.currency')}
              {...text('currency', { errorKey: 'settings.currency', transform: upper })}
              dir="ltr"
              maxLength={3}
              spellCheck={false}
              hint={t('companies.fields.currencyHint')}
              className="uppercase"
            />
            <TextField
              label={t('companies.fields.cooldownDays')}
              {...text('cooldown_days', { errorKey: 'settings.cooldown_days' })}
              dir="ltr"
              inputMode="numeric"
              hint={t('companies.fields.cooldownHint')}
            />
          </div>
        </Section>
      </DialogBody>
      <DialogFooterActions onCancel={onClose} cancelDisabled={pending} pending={pending} submitLabel={saveLabel(mode.kind, pending, t)} />
    </form>
  );
}
