import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DialerTokenResponse } from '@dialdeck/contracts/dialer';
import { actionsColumn, dateTimeColumn } from '../../components/data-table/common-columns';
import { DataTable, type Column } from '../../components/data-table/data-table';
import { RowActionButton } from '../../components/data-table/row-action-button';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/empty-state';
import { KeyIcon, PlusIcon, TrashIcon } from '../../components/ui/icons';
import { LoadError } from '../../components/ui/load-error';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import type { Formatters } from '../../lib/use-format';
import { useDialerTokens } from './api/list-dialer-tokens';
import { CreateTokenDialog } from './components/create-token-dialog';
import { DialerHowTo } from './components/dialer-how-to';
import { RevokeTokenDialog } from './components/revoke-token-dialog';

export interface DialerTokensSectionProps {
  company: string | undefined;
  format: Formatters;
}

/** The company's dialer tokens: list, create (secret shown once), revoke; with how to use one. */
export function DialerTokensSection({ company, format }: DialerTokensSectionProps) {
  const { t } = useTranslation();
  const toast = useToast();
  const list = useDialerTokens(company);
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<DialerTokenResponse | null>(null);

  const columns: Column<DialerTokenResponse>[] = [
    {
      id: 'name',
      header: t('dialer.tokens.columns.name'),
      cell: (token) => (
        <span className="flex items-center gap-2 font-medium text-zinc-900">
          <KeyIcon className="size-4 shrink-0 text-zinc-400" />
          {token.name}
        </span>
      ),
    },
    dateTimeColumn('created', t('dialer.tokens.columns.created'), (token) => token.created_at, format.dateTime),
    {
      id: 'lastUsed',
      header: t('dialer.tokens.columns.lastUsed'),
      className: 'whitespace-nowrap',
      cell: (token) =>
        token.last_used_at ? (
          <time dateTime={token.last_used_at}>{format.dateTime(token.last_used_at)}</time>
        ) : (
          <span className="text-zinc-400">{t('dialer.tokens.never')}</span>
        ),
    },
    actionsColumn(t('dialer.tokens.columns.actions'), (token) => (
      <RowActionButton
        icon={TrashIcon}
        danger
        aria-label={t('dialer.tokens.revokeLabel', { name: token.name })}
        onClick={() => setRevoking(token)}
      >
        {t('dialer.tokens.revoke')}
      </RowActionButton>
    )),
  ];

  return (
    <section aria-labelledby="dialer-tokens-title" className="space-y-6">
      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-start justify-between gap-4 border-b border-zinc-100 px-6 py-4">
          <div className="min-w-0">
            <h2 id="dialer-tokens-title" className="text-base font-semibold text-zinc-900">
              {t('dialer.tokens.title')}
            </h2>
            <p className="mt-1 text-sm text-zinc-600">{t('dialer.tokens.description')}</p>
          </div>
          <Button icon={<PlusIcon className="size-4" />} onClick={() => setCreating(true)}>
            {t('dialer.tokens.create')}
          </Button>
        </div>
        {list.isError && !list.data ? (
          <LoadError title={t('dialer.tokens.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <DataTable
            caption={t('dialer.tokens.caption')}
            columns={columns}
            rows={list.data?.items}
            rowKey={(token) => token.id}
            loading={list.isPending}
            skeletonRows={3}
            empty={
              <EmptyState
                icon={<KeyIcon />}
                title={t('dialer.tokens.empty.title')}
                body={t('dialer.tokens.empty.body')}
                action={
                  <Button icon={<PlusIcon className="size-4" />} onClick={() => setCreating(true)}>
                    {t('dialer.tokens.create')}
                  </Button>
                }
              />
            }
          />
        )}
      </Card>
      <DialerHowTo />

      <CreateTokenDialog open={creating} company={company} onClose={() => setCreating(false)} />
      <RevokeTokenDialog
        token={revoking}
        company={company}
        onClose={() => setRevoking(null)}
        onRevoked={(token) => {
          setRevoking(null);
          toast.success(t('dialer.tokens.revokedToast', { name: isolate(token.name) }));
        }}
      />
    </section>
  );
}
