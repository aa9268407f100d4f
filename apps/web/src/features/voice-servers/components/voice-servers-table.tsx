import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { actionsColumn } from '../../../components/data-table/common-columns';
import { RowActionButton } from '../../../components/data-table/row-action-button';
import { StatusBadge } from '../../../components/ui/badge';
import { PencilIcon, RefreshIcon, TrashIcon } from '../../../components/ui/icons';
import { LtrText } from '../../../components/ui/ltr-text';
import type { Formatters } from '../../../lib/use-format';
import { VoiceServerStatus } from './voice-server-status';

export interface VoiceServersTableProps {
  servers: VoiceServerResponse[] | undefined;
  loading: boolean;
  empty: ReactNode;
  format: Formatters;
  /** The server whose handshake is running, if any. */
  verifyingId: number | null;
  onVerify: (server: VoiceServerResponse) => void;
  onEdit: (server: VoiceServerResponse) => void;
  onDelete: (server: VoiceServerResponse) => void;
}

/** In the API's order: highest priority first, the order new AI calls are offered them. */
export function VoiceServersTable({ servers, loading, empty, format, verifyingId, onVerify, onEdit, onDelete }: VoiceServersTableProps) {
  const { t } = useTranslation();
  const columns: Column<VoiceServerResponse>[] = [
    {
      id: 'priority',
      header: t('voiceServers.columns.priority'),
      className: 'tabular-nums',
      cell: (server) => format.number(server.priority),
    },
    {
      id: 'server',
      header: t('voiceServers.columns.server'),
      cell: (server) => (
        <div className="min-w-0">
          <p className="truncate font-medium text-zinc-900">{server.name}</p>
          <p className="truncate text-xs text-zinc-500">
            <LtrText className="font-mono">{server.url}</LtrText>
          </p>
        </div>
      ),
    },
    {
      id: 'status',
      header: t('voiceServers.columns.status'),
      cell: (server) => <VoiceServerStatus server={server} />,
    },
    {
      id: 'verified',
      header: t('voiceServers.columns.lastVerified'),
      className: 'whitespace-nowrap',
      cell: (server) =>
        server.last_verified_at ? (
          <time dateTime={server.last_verified_at}>{format.dateTime(server.last_verified_at)}</time>
        ) : (
          <span className="text-zinc-400">{t('voiceServers.never')}</span>
        ),
    },
    {
      id: 'active',
      header: t('voiceServers.columns.active'),
      cell: (server) => <StatusBadge active={server.is_active} activeLabel={t('common.active')} inactiveLabel={t('common.inactive')} />,
    },
    actionsColumn(t('voiceServers.columns.actions'), (server) => (
      <div className="flex justify-end gap-1">
        <RowActionButton
          icon={RefreshIcon}
          aria-label={t('voiceServers.verifyLabel', { name: server.name })}
          loading={verifyingId === server.id}
          disabled={verifyingId !== null && verifyingId !== server.id}
          onClick={() => onVerify(server)}
        >
          {verifyingId === server.id ? t('voiceServers.verifying') : t('voiceServers.verify')}
        </RowActionButton>
        <RowActionButton icon={PencilIcon} aria-label={t('voiceServers.editLabel', { name: server.name })} onClick={() => onEdit(server)}>
          {t('common.edit')}
        </RowActionButton>
        <RowActionButton
          icon={TrashIcon}
          danger
          aria-label={t('voiceServers.deleteLabel', { name: server.name })}
          onClick={() => onDelete(server)}
        >
          {t('common.delete')}
        </RowActionButton>
      </div>
    )),
  ];
  return (
    <DataTable
      caption={t('voiceServers.title')}
      columns={columns}
      rows={servers}
      rowKey={(server) => server.id}
      loading={loading}
      empty={empty}
      rowClassName={(server) => (server.is_active ? undefined : 'bg-zinc-50/60')}
    />
  );
}
