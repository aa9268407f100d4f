import { useId } from 'react';
import { Radio, RadioGroup } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../../components/ui/card';
import { setHourCyclePreference, useHourCyclePreference } from '../../../lib/calendar-fields-hooks';

/**
 * The 12- or 24-hour clock for English (Persian and Hebrew always show 24 hours).
 * The choice is kept in this browser's localStorage, not on the account, and applies at once.
 */
export function HourCycleCard() {
  const { t } = useTranslation();
  const preference = useHourCyclePreference();
  const titleId = useId();
  return (
    <Card>
      <CardHeader title={t('dates.hourCycle.title')} description={t('dates.hourCycle.hint')} titleId={titleId} />
      <RadioGroup
        aria-labelledby={titleId}
        value={preference}
        onChange={(value) => setHourCyclePreference(value === '12' ? '12' : '24')}
        orientation="horizontal"
        className="flex flex-wrap gap-3 px-6 py-5"
        data-testid="hour-cycle"
      >
        {(['24', '12'] as const).map((value) => (
          <Radio
            key={value}
            value={value}
            className="group flex cursor-pointer items-center gap-2 rounded-md border border-zinc-300 px-3 py-2 text-sm text-zinc-800 outline-none data-[focus-visible]:outline-2 data-[focus-visible]:outline-indigo-600 data-[selected]:border-indigo-600 data-[selected]:bg-indigo-50"
          >
            <span
              aria-hidden="true"
              className="size-4 rounded-full border border-zinc-400 group-data-[selected]:border-[5px] group-data-[selected]:border-indigo-600"
            />
            {t(`dates.hourCycle.h${value}`)}
          </Radio>
        ))}
      </RadioGroup>
    </Card>
  );
}
