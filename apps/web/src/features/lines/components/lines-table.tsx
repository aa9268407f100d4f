import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineResponse } from '@dialdeck/contracts/lines';
import { DataTable, type Column } from '../../../components/data-table/data-table';
import { actionsColumn } from '../../../components/data-table/common-columns';
import { RowActionButton } from '../../../components/data-table/row-action-button';
import { Badge, StatusBadge } from '../../../components/ui/badge';
import { PencilIcon, PhoneIcon, PowerIcon, TrashIcon, UserIcon } from '../../../components/ui/icons';
import { LtrText } from '../../../components/ui/ltr-text';
import type { Formatters } from '../../../lib/use-format';

export interface LineActions {
  onEdit: (line: LineResponse) => void;
  onAssign: (line: LineResponse) => void;
  onUnassign: (line: LineResponse) => void;
  onWake: (line: LineResponse) => void;
  onDelete: (line: LineResponse) => void;
  /** The line whose quick action (unassign, wake) runs now. */
  busyId: number | null;
}

function Health({ line, format }: { line: LineResponse; format: Formatters }) {
  const { t } = useTranslation();
  const h = line.health;
  if (h.calls_24h === 0 && h.last_100_calls === 0) return <span className="text-zinc-500">{t('lines.health.noCalls')}</span>;
  return (
    <div className="space-y-0.5 text-xs text-zinc-600" data-testid="line-health">
      <p>{t('lines.health.calls24h', { n: format.number(h.calls_24h) })}</p>
      {h.connect_rate_24h !== null ? <p>{t('lines.health.rate24h', { rate: format.percent(h.connect_rate_24h) })}</p> : null}
      {h.last_100_connect_rate !== null ? (
        <p>{t('lines.health.last100', { rate: format.percent(h.last_100_connect_rate), n: format.number(h.last_100_calls) })}</p>
      ) : null}
    </div>
  );
}

/** The lines of the company (admin) or of the caller (`actions` absent: read only). */
export function LinesTable({
  lines,
  loading,
  refreshing,
  empty,
  format,
  actions,
}: {
  lines: LineResponse[] | undefined;
  loading: boolean;
  refreshing: boolean;
  empty: ReactNode;
  format: Formatters;
  actions?: LineActions;
}) {
  const { t } = useTranslation();
  const columns: Column<LineResponse>[] = [
    {
      id: 'line',
      header: t('lines.columns.line'),
      cell: (line) => (
        <div className="flex items-center gap-3">
          <span aria-hidden="true" className="flex size-8 shrink-0 items-center justify-center rounded-full bg-indigo-50 text-indigo-600">
            <PhoneIcon className="size-4" />
          </span>
          <div className="min-w-0">
            <p className="truncate font-medium text-zinc-900">{line.display_name}</p>
            <p className="text-xs text-zinc-500">
              <LtrText className="tabular-nums">{line.phone_number}</LtrText>
            </p>
          </div>
        </div>
      ),
    },
    {
      id: 'owner',
      header: t('lines.columns.owner'),
      cell: (line) => (line.owner ? line.owner.full_name : <span className="text-zinc-400">{t('common.none')}</span>),
    },
    {
      id: 'agent',
      header: t('lines.columns.agent'),
      cell: (line) =>
        line.assigned_agent ? (
          <span data-testid="line-agent">{line.assigned_agent.full_name}</span>
        ) : (
          <span className="text-zinc-400">{t('common.none')}</span>
        ),
    },
    { id: 'health', header: t('lines.columns.health'), cell: (line) => <Health line={line} format={format} /> },
    {
      id: 'status',
      header: t('lines.columns.status'),
      cell: (line) => (
        <div className="flex flex-col items-start gap-1">
          <StatusBadge active={line.is_active} activeLabel={t('common.active')} inactiveLabel={t('common.inactive')} />
          {line.health.resting_until ? (
            <span title={line.health.rest_reason ?? undefined}>
              <Badge tone="warning">{t('lines.restingUntil', { time: format.dateTime(line.health.resting_until) })}</Badge>
            </span>
          ) : null}
          {line.health.resting_until && line.health.rest_reason ? (
            <p className="max-w-56 text-xs text-zinc-500">{line.health.rest_reason}</p>
          ) : null}
        </div>
      ),
    },
  ];
  if (actions) {
    columns.push(
      actionsColumn(t('lines.columns.actions'), (line) => (
        <div className="flex flex-wrap items-center justify-end gap-1">
          {line.assigned_agent_id === null ? (
            <RowActionButton
              icon={UserIcon}
              aria-label={t('lines.assignLabel', { name: line.display_name })}
              onClick={() => actions.onAssign(line)}
            >
              {t('lines.assign')}
            </RowActionButton>
          ) : (
            <RowActionButton
              icon={UserIcon}
              loading={actions.busyId === line.id}
              aria-label={t('lines.unassignLabel', { name: line.display_name })}
              onClick={() => actions.onUnassign(line)}
            >
              {t('lines.unassign')}
            </RowActionButton>
          )}
          {line.health.resting_until ? (
            <RowActionButton
              icon={PowerIcon}
              loading={actions.busyId === line.id}
              aria-label={t('lines.wakeLabel', { name: line.display_name })}
              onClick={() => actions.onWake(line)}
            >
              {t('lines.wake')}
            </RowActionButton>
          ) : null}
          <RowActionButton
            icon={PencilIcon}
            aria-label={t('lines.editLabel', { name: line.display_name })}
            onClick={() => actions.onEdit(line)}
          >
            {t('common.edit')}
          </RowActionButton>
          <RowActionButton
            icon={TrashIcon}
            danger
            aria-label={t('lines.deleteLabel', { name: line.display_name })}
            onClick={() => actions.onDelete(line)}
          >
            {t('common.delete')}
          </RowActionButton>
        </div>
      )),
    );
  }
  return (
    <DataTable
      caption={t('lines.title')}
      columns={columns}
      rows={lines}
      rowKey={(line) => line.id}
      loading={loading}
      refreshing={refreshing}
      empty={empty}
    />
  );
}
