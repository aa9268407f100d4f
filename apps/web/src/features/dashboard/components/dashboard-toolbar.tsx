import { useTranslation } from 'react-i18next';
import type { Timeframe } from '@dialdeck/contracts/stats';
import { CompactSelect } from '../../../components/ui/form-field';
import { intlLocale } from '../../../lib/use-format';
import { useCampaignOptions } from '../api/list-campaign-options';
import { TIMEFRAMES } from '../dashboard-search';

/** The campaign filter and the period of the distribution, attempts and breakdown (both in the URL). */
export function DashboardToolbar({
  company,
  campaignId,
  timeframe,
  onCampaign,
  onTimeframe,
}: {
  company: string | undefined;
  campaignId: number | undefined;
  timeframe: Timeframe;
  onCampaign: (campaignId: number | undefined) => void;
  onTimeframe: (timeframe: Timeframe) => void;
}) {
  const { t, i18n } = useTranslation();
  const campaigns = useCampaignOptions(company);
  const items = campaigns.data?.items ?? [];
  // A campaign named in the address but not listed (deleted, another company's) stays selectable, so the page can show its error.
  const unknown = campaignId !== undefined && campaigns.isSuccess && !items.some((c) => c.id === campaignId);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <CompactSelect
        label={t('dashboard.campaign')}
        value={campaignId ?? ''}
        onChange={(e) => onCampaign(e.target.value ? Number(e.target.value) : undefined)}
        className="max-w-64"
        data-testid="dashboard-campaign"
      >
        <option value="">{t('dashboard.allCampaigns')}</option>
        {unknown ? <option value={campaignId}>#{new Intl.NumberFormat(intlLocale(i18n.language)).format(campaignId)}</option> : null}
        {items.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </CompactSelect>
      <CompactSelect
        label={t('dashboard.timeframe')}
        value={timeframe}
        onChange={(e) => onTimeframe(e.target.value as Timeframe)}
        data-testid="dashboard-timeframe"
      >
        {TIMEFRAMES.map((tf) => (
          <option key={tf} value={tf}>
            {t(`dashboard.timeframes.${tf}`)}
          </option>
        ))}
      </CompactSelect>
    </div>
  );
}
