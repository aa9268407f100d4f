import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import type { BulkAction, CallStatus } from '@dialdeck/contracts/numbers';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { CompactSelect } from '../../../components/ui/form-field';
import { ResetIcon, TrashIcon } from '../../../components/ui/icons';
import type { Formatters } from '../../../lib/use-format';
import type { Selection } from '../number-selection';
import { bulkStatusChoices } from '../number-status';

export type PendingBulk = { action: Exclude<BulkAction, 'update_status'> } | { action: 'update_status'; status: CallStatus };

export interface BulkActionsBarProps {
  me: UserResponse;
  format: Formatters;
  selection: Selection;
  /** Selected right now (what the confirmation states). */
  count: number;
  /** Numbers matching the filter, when known. */
  total: number | undefined;
  /** Rows on this page and whether all of them are selected: offers "select all N matching". */
  pageRows: number;
  allOnPageSelected: boolean;
  onSelectAllMatching: () => void;
  onClear: () => void;
  pending: boolean;
  error: string | null;
  onRun: (bulk: PendingBulk) => Promise<boolean>;
  onDismissError: () => void;
}

/**
 * The strip above the table while numbers are selected: the Gmail-style "select all
 * N matching" banner, then the actions, each confirmed with the exact count.
 */
export function BulkActionsBar({
  me,
  format,
  selection,
  count,
  total,
  pageRows,
  allOnPageSelected,
  onSelectAllMatching,
  onClear,
  pending,
  error,
  onRun,
  onDismissError,
}: BulkActionsBarProps) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState<PendingBulk | null>(null);
  const n = format.number(count);
  const statusName = (status: CallStatus) => t(`numbers.statuses.${status}`);

  const close = () => {
    if (pending) return;
    setConfirming(null);
    onDismissError();
  };

  let title = '';
  let body = '';
  let confirmLabel = '';
  if (confirming?.action === 'update_status') {
    title = t('numbers.bulk.statusTitle', { count, n, status: statusName(confirming.status) });
    body = me.is_superuser ? t('numbers.bulk.statusBodySuperuser') : t('numbers.bulk.statusBody');
    confirmLabel = t('numbers.bulk.statusConfirm');
  } else if (confirming?.action === 'reset') {
    title = t('numbers.bulk.resetTitle', { count, n });
    body = me.is_superuser ? t('numbers.bulk.resetBodySuperuser') : t('numbers.bulk.resetBody');
    confirmLabel = t('numbers.bulk.resetConfirm');
  } else if (confirming?.action === 'delete') {
    title = t('numbers.bulk.deleteTitle', { count, n });
    body = me.is_superuser ? t('numbers.bulk.deleteBodySuperuser') : t('numbers.bulk.deleteBody');
    confirmLabel = t('numbers.bulk.deleteConfirm');
  }

  const showSelectAll = selection.mode === 'ids' && allOnPageSelected && total !== undefined && total > pageRows;

  return (
    <>
      {showSelectAll || selection.mode === 'all' ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-center gap-x-2 gap-y-1 border-b border-indigo-100 bg-indigo-50/70 px-4 py-2 text-sm text-indigo-900"
        >
          {selection.mode === 'all' ? (
            <>
              <span>
                {selection.excluded.size > 0
                  ? t('numbers.selection.allSelectedExcept', {
                      n,
                      total: format.number(total ?? 0),
                      excluded: format.number(selection.excluded.size),
                    })
                  : t('numbers.selection.allSelected', { count, n })}
              </span>
              <button
                type="button"
                onClick={onClear}
                className="cursor-pointer font-semibold text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {t('numbers.selection.clear')}
              </button>
            </>
          ) : (
            <>
              <span>{t('numbers.selection.pageSelected', { count: pageRows, n: format.number(pageRows) })}</span>
              <button
                type="button"
                onClick={onSelectAllMatching}
                className="cursor-pointer font-semibold text-indigo-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-indigo-600"
              >
                {t('numbers.selection.selectAll', { count: total ?? 0, n: format.number(total ?? 0) })}
              </button>
            </>
          )}
        </div>
      ) : null}

      <div
        role="toolbar"
        aria-label={t('numbers.bulk.label')}
        className="flex flex-wrap items-center gap-2 border-b border-zinc-200 bg-zinc-50 px-4 py-2"
      >
        <p className="me-2 text-sm font-medium text-zinc-900 tabular-nums" data-testid="selected-count">
          {t('numbers.selection.count', { count, n })}
        </p>
        <CompactSelect
          label={t('numbers.bulk.changeStatusLabel')}
          value=""
          disabled={count === 0}
          onChange={(e) => {
            const status = bulkStatusChoices(me).find((s) => s === e.target.value);
            if (status) setConfirming({ action: 'update_status', status });
          }}
          className="h-8 text-sm"
        >
          <option value="" disabled>
            {t('numbers.bulk.changeStatus')}
          </option>
          {bulkStatusChoices(me).map((status) => (
            <option key={status} value={status}>
              {statusName(status)}
            </option>
          ))}
        </CompactSelect>
        <Button
          variant="secondary"
          size="sm"
          disabled={count === 0}
          icon={<ResetIcon className="size-3.5" />}
          onClick={() => setConfirming({ action: 'reset' })}
        >
          {t('numbers.bulk.reset')}
        </Button>
        <Button
          variant="secondary"
          size="sm"
          disabled={count === 0}
          icon={<TrashIcon className="size-3.5 text-red-600" />}
          onClick={() => setConfirming({ action: 'delete' })}
        >
          {t('numbers.bulk.delete')}
        </Button>
        {/* In select-all mode the banner above already offers it. */}
        {selection.mode === 'ids' ? (
          <Button variant="ghost" size="sm" onClick={onClear} className="ms-auto">
            {t('numbers.selection.clear')}
          </Button>
        ) : null}
      </div>

      <ConfirmDialog
        open={confirming !== null}
        title={title}
        body={body}
        confirmLabel={confirmLabel}
        confirmVariant={confirming?.action === 'delete' ? 'danger' : 'primary'}
        pending={pending}
        pendingLabel={confirming?.action === 'delete' ? undefined : t('numbers.bulk.working')}
        error={error}
        onClose={close}
        onConfirm={() => {
          if (!confirming) return;
          void onRun(confirming).then((ok) => {
            if (ok) setConfirming(null);
          });
        }}
      />
    </>
  );
}
