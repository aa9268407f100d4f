import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { Badge, StatusBadge } from '../../../components/ui/badge';
import { actionsColumn, dateTimeColumn } from '../../../components/data-table/common-columns';
import { RowActionButton } from '../../../components/data-table/row-action-button';
import { PencilIcon } from '../../../components/ui/icons';
import { LtrText } from '../../../components/ui/ltr-text';
import type { Formatters } from '../../../lib/use-format';

export interface CompaniesTableProps {
  companies: CompanyResponse[] | undefined;
  loading: boolean;
  empty: ReactNode;
  format: Formatters;
  onEdit: (company: CompanyResponse) => void;
}

export function CompaniesTable({ companies, loading, empty, format, onEdit }: CompaniesTableProps) {
  const { t } = useTranslation();
  const columns: Column<CompanyResponse>[] = [
    {
      id: 'company',
      header: t('companies.columns.company'),
      cell: (company) => (
        <div className="min-w-0">
          <p className="truncate font-medium text-zinc-900">{company.display_name}</p>
          <p className="truncate text-xs text-zinc-500">
            <LtrText>{company.name}</LtrText>
          </p>
        </div>
      ),
    },
    {
      id: 'locale',
      header: t('companies.columns.locale'),
      cell: (company) => <Badge>{t(`locales.${company.locale}`)}</Badge>,
    },
    {
      id: 'timezone',
      header: t('companies.columns.timezone'),
      cell: (company) => <LtrText className="text-xs">{company.timezone}</LtrText>,
    },
    {
      id: 'region',
      header: t('companies.columns.region'),
      cell: (company) => <LtrText className="font-mono text-xs">{company.default_region}</LtrText>,
    },
    {
      id: 'calendar',
      header: t('companies.columns.calendar'),
      cell: (company) => t(`calendars.${company.calendar}`),
    },
    {
      id: 'status',
      header: t('companies.columns.status'),
      cell: (company) => <StatusBadge active={company.is_active} activeLabel={t('common.active')} inactiveLabel={t('common.inactive')} />,
    },
    dateTimeColumn('created', t('companies.columns.created'), (company) => company.created_at, format.dateTime),
    actionsColumn(t('companies.columns.actions'), (company) => (
      <RowActionButton icon={PencilIcon} aria-label={t('companies.editLabel', { name: company.name })} onClick={() => onEdit(company)}>
        {t('common.edit')}
      </RowActionButton>
    )),
  ];
  return (
    <DataTable
      caption={t('companies.title')}
      columns={columns}
      rows={companies}
      rowKey={(company) => company.id}
      loading={loading}
      empty={empty}
      rowClassName={(company) => (company.is_active ? undefined : 'bg-zinc-50/60')}
    />
  );
}
