import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { Pagination } from '../../components/data-table/pagination';
import { LoadError } from '../../components/ui/load-error';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/empty-state';
import { PlusIcon, SearchIcon, UsersIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/page-header';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import { errorMessage } from '../../lib/form-errors';
import { useFormat } from '../../lib/use-format';
import { useCompanyScope } from '../../lib/use-company-scope';
import { useUsersList } from './api/list-users';
import { useUpdateUser } from './api/update-user';
import { DeleteUserDialog } from './components/delete-user-dialog';
import { UserFormDialog, type UserFormMode } from './components/user-form-dialog';
import { UsersTable } from './components/users-table';
import { UsersToolbar } from './components/users-toolbar';
import { DEFAULT_PAGE_SIZE, type UsersSearch } from './users-search';

export interface UsersPageProps {
  search: UsersSearch;
  onSearchChange: (next: UsersSearch) => void;
}

export function UsersPage({ search, onSearchChange }: UsersPageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();

  const skip = search.skip ?? 0;
  const limit = search.limit ?? DEFAULT_PAGE_SIZE;
  const { me, slug: companySlug, companies, selected: selectedCompany, label: companyLabel, searchValue } = useCompanyScope(search.company);

  const list = useUsersList({ skip, limit, search: search.search, role: search.role, company: companySlug });
  const update = useUpdateUser();

  const [formMode, setFormMode] = useState<UserFormMode | null>(null);
  const [deleting, setDeleting] = useState<UserResponse | null>(null);
  const [togglingId, setTogglingId] = useState<number | null>(null);

  const change = useCallback((patch: Partial<UsersSearch>) => onSearchChange({ ...search, ...patch }), [onSearchChange, search]);
  const onSearch = useCallback((value: string) => change({ search: value || undefined, skip: undefined }), [change]);

  // After deleting the last row of the last page, step back to a page that has rows.
  const total = list.data?.total;
  useEffect(() => {
    if (total !== undefined && skip > 0 && skip >= total) {
      change({ skip: Math.max(0, Math.floor((total - 1) / limit) * limit) || undefined });
    }
  }, [total, skip, limit, change]);

  const companyScope = companySlug && selectedCompany ? { name: selectedCompany.name, id: selectedCompany.id } : undefined;

  function toggleActive(user: UserResponse) {
    setTogglingId(user.id);
    update.mutate(
      { id: user.id, body: { is_active: !user.is_active }, company: companySlug },
      {
        onSuccess: (saved) =>
          toast.success(
            saved.is_active
              ? t('users.activatedToast', { username: isolate(saved.username) })
              : t('users.deactivatedToast', { username: isolate(saved.username) }),
          ),
        onError: (error) => toast.error(errorMessage(error, t)),
        onSettled: () => setTogglingId(null),
      },
    );
  }

  const filtered = Boolean(search.search) || Boolean(search.role);
  const empty = filtered ? (
    <EmptyState
      icon={<SearchIcon />}
      title={t('users.noResults.title')}
      body={t('users.noResults.body')}
      action={
        <Button variant="secondary" onClick={() => change({ search: undefined, role: undefined, skip: undefined })}>
          {t('users.clearFilters')}
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={<UsersIcon />}
      title={t('users.empty.title')}
      body={t('users.empty.body')}
      action={
        <Button icon={<PlusIcon className="size-4" />} onClick={() => setFormMode({ kind: 'create' })}>
          {t('users.add')}
        </Button>
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('users.title')}
        description={t('users.description', { company: isolate(companyLabel) })}
        actions={
          <Button
            icon={<PlusIcon className="size-4" />}
            onClick={() => setFormMode({ kind: 'create' })}
            disabled={Boolean(companySlug) && !selectedCompany}
          >
            {t('users.add')}
          </Button>
        }
      />
      <Card className="overflow-hidden">
        <UsersToolbar
          search={search.search ?? ''}
          role={search.role}
          onSearch={onSearch}
          onRole={(role) => change({ role, skip: undefined })}
          onClear={() => change({ search: undefined, role: undefined, skip: undefined })}
          companies={me.is_superuser ? (companies.data?.items ?? []) : undefined}
          company={companySlug ?? me.company.name}
          onCompany={(slug) => change({ company: searchValue(slug), skip: undefined })}
        />
        {list.isError && !list.data ? (
          <LoadError title={t('users.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <UsersTable
            users={list.data?.items}
            loading={list.isPending}
            refreshing={list.isFetching && list.isPlaceholderData}
            empty={empty}
            me={me}
            format={format}
            togglingId={togglingId}
            onEdit={(user) => setFormMode({ kind: 'edit', user })}
            onToggleActive={toggleActive}
            onDelete={setDeleting}
          />
        )}
        {list.data && list.data.total > 0 ? (
          <Pagination
            skip={skip}
            limit={limit}
            total={list.data.total}
            formatNumber={format.number}
            onSkipChange={(next) => change({ skip: next || undefined })}
            onLimitChange={(next) => change({ limit: next === DEFAULT_PAGE_SIZE ? undefined : next, skip: undefined })}
          />
        ) : null}
      </Card>

      <UserFormDialog
        mode={formMode}
        company={companyScope}
        currentUserId={me.id}
        onClose={() => setFormMode(null)}
        onSaved={(user, mode) => {
          setFormMode(null);
          toast.success(
            mode.kind === 'create'
              ? t('users.createdToast', { username: isolate(user.username) })
              : t('users.updatedToast', { username: isolate(user.username) }),
          );
        }}
      />
      <DeleteUserDialog
        user={deleting}
        company={companySlug}
        onClose={() => setDeleting(null)}
        onDeleted={(user) => {
          setDeleting(null);
          toast.success(t('users.deletedToast', { username: isolate(user.username) }));
        }}
      />
    </>
  );
}
