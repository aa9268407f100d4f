import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { Badge, StatusBadge } from '../../../components/ui/badge';
import { actionsColumn, dateTimeColumn } from '../../../components/data-table/common-columns';
import { RowActionButton } from '../../../components/data-table/row-action-button';
import { PencilIcon, PowerIcon, TrashIcon } from '../../../components/ui/icons';
import { LtrText } from '../../../components/ui/ltr-text';
import type { Formatters } from '../../../lib/use-format';
import { displayName } from '../../../lib/session';
import type { ReactNode } from 'react';

export interface UsersTableProps {
  users: UserResponse[] | undefined;
  loading: boolean;
  refreshing: boolean;
  empty: ReactNode;
  me: UserResponse;
  format: Formatters;
  /** The id whose activation is being toggled right now. */
  togglingId: number | null;
  onEdit: (user: UserResponse) => void;
  onToggleActive: (user: UserResponse) => void;
  onDelete: (user: UserResponse) => void;
}

export function UsersTable({
  users,
  loading,
  refreshing,
  empty,
  me,
  format,
  togglingId,
  onEdit,
  onToggleActive,
  onDelete,
}: UsersTableProps) {
  const { t } = useTranslation();

  const columns: Column<UserResponse>[] = [
    {
      id: 'name',
      header: t('users.columns.name'),
      cell: (user) => {
        const name = displayName(user);
        return (
          <div className="flex items-center gap-3">
            <span
              aria-hidden="true"
              className="flex size-8 shrink-0 items-center justify-center rounded-full bg-zinc-100 text-xs font-semibold text-zinc-600 uppercase"
            >
              {name.slice(0, 1)}
            </span>
            <div className="min-w-0">
              <p className="truncate font-medium text-zinc-900">
                {name}
                {user.id === me.id ? <span className="ms-1.5 text-xs font-normal text-zinc-500">({t('users.you')})</span> : null}
              </p>
              <p className="truncate text-xs text-zinc-500">
                <LtrText>{user.username}</LtrText>
              </p>
            </div>
          </div>
        );
      },
    },
    {
      id: 'role',
      header: t('users.columns.role'),
      cell: (user) => (
        <div className="flex flex-wrap gap-1">
          <Badge tone={user.role === 'ADMIN' ? 'info' : 'neutral'}>{t(`roles.${user.role}`)}</Badge>
          {user.is_superuser ? <Badge tone="accent">{t('roles.superuser')}</Badge> : null}
        </div>
      ),
    },
    {
      id: 'phone',
      header: t('users.columns.phone'),
      cell: (user) =>
        user.phone_number ? (
          <LtrText className="tabular-nums">{user.phone_number}</LtrText>
        ) : (
          <span className="text-zinc-400">{t('common.none')}</span>
        ),
    },
    {
      id: 'status',
      header: t('users.columns.status'),
      cell: (user) => <StatusBadge active={user.is_active} activeLabel={t('common.active')} inactiveLabel={t('common.inactive')} />,
    },
    {
      id: 'lastLogin',
      header: t('polish.users.lastLogin'),
      className: 'whitespace-nowrap',
      cell: (user) =>
        user.last_login_at ? (
          <time dateTime={user.last_login_at} data-testid="last-login">
            {format.dateTime(user.last_login_at)}
          </time>
        ) : (
          <span className="text-zinc-500" data-testid="last-login">
            {t('polish.users.never')}
          </span>
        ),
    },
    dateTimeColumn('created', t('users.columns.created'), (user) => user.created_at, format.dateTime),
    actionsColumn(t('users.columns.actions'), (user) => {
      const canEdit = !user.is_superuser || me.is_superuser;
      const canRemove = !user.is_superuser && user.id !== me.id;
      return (
        <div className="flex items-center justify-end gap-1">
          {canEdit ? (
            <RowActionButton icon={PencilIcon} aria-label={t('users.editLabel', { username: user.username })} onClick={() => onEdit(user)}>
              {t('common.edit')}
            </RowActionButton>
          ) : null}
          {canRemove ? (
            <>
              <RowActionButton
                icon={PowerIcon}
                loading={togglingId === user.id}
                aria-label={
                  user.is_active
                    ? t('users.deactivateLabel', { username: user.username })
                    : t('users.activateLabel', { username: user.username })
                }
                onClick={() => onToggleActive(user)}
              >
                {user.is_active ? t('users.deactivate') : t('users.activate')}
              </RowActionButton>
              <RowActionButton
                icon={TrashIcon}
                danger
                aria-label={t('users.deleteLabel', { username: user.username })}
                onClick={() => onDelete(user)}
              >
                {t('common.delete')}
              </RowActionButton>
            </>
          ) : null}
        </div>
      );
    }),
  ];

  return (
    <DataTable
      caption={t('users.title')}
      columns={columns}
      rows={users}
      rowKey={(user) => user.id}
      loading={loading}
      refreshing={refreshing}
      empty={empty}
      rowClassName={(user) => (user.is_active ? undefined : 'bg-zinc-50/60 text-zinc-500')}
    />
  );
}
