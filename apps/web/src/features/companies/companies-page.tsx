import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadError } from '../../components/ui/load-error';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/empty-state';
import { BuildingIcon, PlusIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/page-header';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import { useFormat } from '../../lib/use-format';
import { useCompaniesList } from './api/list-companies';
import { CompaniesTable } from './components/companies-table';
import { CompanyFormDialog, type CompanyFormMode } from './components/company-form-dialog';

export function CompaniesPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const list = useCompaniesList();
  const [formMode, setFormMode] = useState<CompanyFormMode | null>(null);

  const addButton = (
    <Button icon={<PlusIcon className="size-4" />} onClick={() => setFormMode({ kind: 'create' })}>
      {t('companies.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('companies.title')} description={t('companies.description')} actions={addButton} />
      <Card className="overflow-hidden">
        {list.isError ? (
          <LoadError title={t('companies.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <CompaniesTable
            companies={list.data?.items}
            loading={list.isPending}
            format={format}
            onEdit={(company) => setFormMode({ kind: 'edit', company })}
            empty={<EmptyState icon={<BuildingIcon />} title={t('companies.empty.title')} body={t('companies.empty.body')} />}
          />
        )}
      </Card>
      <CompanyFormDialog
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(company, mode) => {
          setFormMode(null);
          toast.success(
            mode.kind === 'create'
              ? t('companies.createdToast', { name: isolate(company.display_name) })
              : t('companies.updatedToast', { name: isolate(company.display_name) }),
          );
        }}
      />
    </>
  );
}
