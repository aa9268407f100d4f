import { useTranslation } from 'react-i18next';
import { CompanyPicker } from '../components/layout/company-picker';
import { PageHeader } from '../components/ui/page-header';
import { DiagnosticsPanel } from '../features/dialer-diagnostics/diagnostics-panel';
import { DialerTokensSection } from '../features/dialer-tokens/dialer-tokens-section';
import { isolate } from '../lib/bidi';
import { useCompanyScope } from '../lib/use-company-scope';
import { useFormat } from '../lib/use-format';
import type { DialerSearch } from './dialer-search';

/**
 * The "Dialer" page puts two features side by side: why the dialer gets no numbers
 * (diagnostics) and the tokens it signs in with. Features never import each other,
 * so the page that shows both lives here, with the routes.
 */
export function DialerPage({ search, onSearchChange }: { search: DialerSearch; onSearchChange: (next: DialerSearch) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { me, slug: company, companies, label: companyLabel, searchValue } = useCompanyScope(search.company);

  return (
    <>
      <PageHeader
        title={t('dialer.title')}
        description={t('dialer.description', { company: isolate(companyLabel) })}
        actions={
          me.is_superuser ? (
            <CompanyPicker
              companies={companies.data?.items ?? []}
              value={company ?? me.company.name}
              onChange={(slug) => onSearchChange({ company: searchValue(slug) })}
            />
          ) : null
        }
      />
      <div className="space-y-6">
        <DiagnosticsPanel
          key={company ?? ''}
          company={company}
          campaignId={search.campaign_id}
          onCampaignChange={(campaignId) => onSearchChange({ ...search, campaign_id: campaignId })}
          format={format}
        />
        <DialerTokensSection key={`tokens-${company ?? ''}`} company={company} format={format} />
      </div>
    </>
  );
}
