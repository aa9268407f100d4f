import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { formatInZone, readDay } from '../../../lib/calendar-dates';
import { useFormat } from '../../../lib/use-format';
import type { NumbersSearch } from '../numbers-search';

/**
 * The filters a dashboard link sets that the toolbar has no control for (a campaign, "status
 * set since"): shown as chips so the list never looks unfiltered while it is, each removable.
 */
export function DrillFilters({
  search,
  timeZone,
  onChange,
}: {
  search: NumbersSearch;
  timeZone: string | undefined;
  onChange: (patch: Partial<NumbersSearch>) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (search.campaign_id === undefined && !search.status_changed_from) return null;

  const from = search.status_changed_from;
  const fromText = from
    ? /^\d{4}-\d{2}-\d{2}$/.test(from)
      ? readDay(from, i18n.language).primary
      : formatInZone(from, i18n.language, timeZone, { dateStyle: 'medium', timeStyle: 'medium' })
    : '';
  const chips: { key: 'campaign_id' | 'status_changed_from'; text: string }[] = [];
  if (search.campaign_id !== undefined)
    chips.push({ key: 'campaign_id', text: t('numbers.drill.campaign', { id: format.number(search.campaign_id) }) });
  if (from) chips.push({ key: 'status_changed_from', text: t('numbers.drill.changedFrom', { time: fromText }) });

  return (
    <div
      className="flex flex-wrap items-center gap-2 border-b border-zinc-100 bg-indigo-50/60 px-4 py-2.5 text-sm"
      data-testid="drill-filters"
    >
      <span className="font-medium text-indigo-900">{t('numbers.drill.notice')}</span>
      {chips.map((chip) => (
        <span
          key={chip.key}
          className="inline-flex items-center gap-1 rounded-full border border-indigo-200 bg-white py-0.5 ps-2.5 pe-1 text-indigo-900"
        >
          {chip.text}
          <button
            type="button"
            onClick={() => onChange({ [chip.key]: undefined })}
            aria-label={t('numbers.drill.remove', { name: chip.text })}
            className="inline-flex size-5 cursor-pointer items-center justify-center rounded-full text-indigo-700 hover:bg-indigo-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
          >
            <span aria-hidden="true">×</span>
          </button>
        </span>
      ))}
      <Button variant="ghost" size="sm" onClick={() => onChange({ campaign_id: undefined, status_changed_from: undefined })}>
        {t('numbers.drill.clear')}
      </Button>
    </div>
  );
}
