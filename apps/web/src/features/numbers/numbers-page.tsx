import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallStatus, NumberResponse } from '@dialdeck/contracts/numbers';
import { Pagination } from '../../components/data-table/pagination';
import { LoadError } from '../../components/ui/load-error';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState } from '../../components/ui/empty-state';
import { DownloadIcon, ListIcon, PlusIcon, SearchIcon, UploadIcon } from '../../components/ui/icons';
import { PageHeader } from '../../components/ui/page-header';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import { useCompanyScope } from '../../lib/use-company-scope';
import { canManageUsers } from '../../lib/session';
import { useFormat } from '../../lib/use-format';
import { useBulkNumbers } from './api/bulk-numbers';
import { useNumbersCount } from './api/count-numbers';
import { useDeleteNumber } from './api/delete-number';
import { useExportNumbers } from './api/export-numbers';
import { useAgentOptions } from './api/list-agent-options';
import { useNumbersList } from './api/list-numbers';
import { useResetNumber } from './api/reset-number';
import { useUpdateNumberStatus } from './api/update-number-status';
import { AddNumbersDialog } from './components/add-numbers-dialog';
import { BulkActionsBar, type PendingBulk } from './components/bulk-actions-bar';
import { DrillFilters } from './components/drill-filters';
import { ExportDialog } from './components/export-dialog';
import { NumbersTable } from './components/numbers-table';
import { NumbersToolbar } from './components/numbers-toolbar';
import { UploadNumbersDialog } from './components/upload-numbers-dialog';
import { numberActionError } from './number-errors';
import { isSelected, selectedCount, selectionBody, useNumberSelection } from './number-selection';
import {
  DEFAULT_ORDER,
  DEFAULT_PAGE_SIZE,
  NUMBER_PAGE_SIZES,
  filterKey,
  filterOf,
  hasFilters,
  type NumbersSearch,
  type SortKey,
} from './numbers-search';

export interface NumbersPageProps {
  search: NumbersSearch;
  onSearchChange: (next: NumbersSearch) => void;
}

type RowConfirm = { kind: 'reset' | 'delete'; row: NumberResponse };

/** Keys whose change is a new filter: the page goes back to the start and the selection empties. */
const FILTER_KEYS = ['status', 'search', 'start_date', 'end_date', 'agent_id', 'campaign_id', 'status_changed_from', 'company'] as const;

export function NumbersPage({ search, onSearchChange }: NumbersPageProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const { me, slug: company, companies, selected: scopeCompany, label: companyLabel, searchValue } = useCompanyScope(search.company);
  const canManage = canManageUsers(me);
  const skip = search.skip ?? 0;
  const limit = search.limit ?? DEFAULT_PAGE_SIZE;
  const sortBy = search.sort_by ?? 'id';
  const sortOrder = search.sort_order ?? DEFAULT_ORDER[sortBy];
  const filter = useMemo(() => filterOf(search), [search]);
  const key = filterKey(filter, company);

  const list = useNumbersList({ filter, sort_by: sortBy, sort_order: sortOrder, skip, limit, company });
  const count = useNumbersCount(filter, company);
  const agents = useAgentOptions(canManage, company);
  const total = count.data && !count.isPlaceholderData ? count.data.total : undefined;

  const selection = useNumberSelection(key);
  const selected = selectedCount(selection.selection, total);
  const rows = list.data?.items;
  const pageIds = rows?.map((row) => row.id) ?? [];
  const allOnPageSelected = pageIds.length > 0 && pageIds.every((id) => isSelected(selection.selection, id));
  const showBulkBar = canManage && (selection.selection.mode === 'all' || selected > 0);

  const updateStatus = useUpdateNumberStatus();
  const resetNumber = useResetNumber();
  const deleteNumber = useDeleteNumber();
  const bulk = useBulkNumbers();
  const exporter = useExportNumbers();
  const [busyId, setBusyId] = useState<number | null>(null);
  const [rowConfirm, setRowConfirm] = useState<RowConfirm | null>(null);
  const [dialog, setDialog] = useState<'add' | 'upload' | null>(null);
  const [bulkError, setBulkError] = useState<string | null>(null);

  const change = useCallback(
    (patch: Partial<NumbersSearch>) => {
      const next = { ...search, ...patch };
      if (FILTER_KEYS.some((k) => k in patch && patch[k] !== search[k])) next.skip = undefined;
      onSearchChange(next);
    },
    [onSearchChange, search],
  );

  const clearFilters = useCallback(
    () =>
      change({
        status: undefined,
        search: undefined,
        start_date: undefined,
        end_date: undefined,
        agent_id: undefined,
        campaign_id: undefined,
        status_changed_from: undefined,
      }),
    [change],
  );

  // After deleting the last rows of the last page, step back to a page that has rows.
  useEffect(() => {
    if (total !== undefined && skip > 0 && skip >= total) {
      change({ skip: Math.max(0, Math.floor((total - 1) / limit) * limit) || undefined });
    }
  }, [total, skip, limit, change]);

  function onSort(column: SortKey) {
    const order = column === sortBy ? (sortOrder === 'asc' ? 'desc' : 'asc') : DEFAULT_ORDER[column];
    change({
      sort_by: column === 'id' ? undefined : column,
      sort_order: order === DEFAULT_ORDER[column] ? undefined : order,
      skip: undefined,
    });
  }

  const statusName = (status: CallStatus) => t(`numbers.statuses.${status}`);

  function changeRowStatus(row: NumberResponse, status: CallStatus) {
    setBusyId(row.id);
    updateStatus.mutate(
      { id: row.id, status, company },
      {
        onSuccess: (saved) =>
          toast.success(t('numbers.row.statusChanged', { phone: isolate(saved.phone_number), status: statusName(saved.status) })),
        onError: (error) => toast.error(numberActionError(error, t, { current: row.status, target: status })),
        onSettled: () => setBusyId(null),
      },
    );
  }

  function confirmRow() {
    if (!rowConfirm) return;
    const { kind, row } = rowConfirm;
    const mutation = kind === 'reset' ? resetNumber : deleteNumber;
    mutation.mutate(
      { id: row.id, company },
      {
        onSuccess: () => {
          setRowConfirm(null);
          mutation.reset();
          toast.success(
            kind === 'reset'
              ? t('numbers.row.resetDone', { phone: isolate(row.phone_number) })
              : t('numbers.row.deleted', { phone: isolate(row.phone_number) }),
          );
          if (kind === 'delete') selection.toggle(row.id, false);
        },
      },
    );
  }
  const rowMutation = rowConfirm?.kind === 'reset' ? resetNumber : deleteNumber;

  async function runBulk(pending: PendingBulk): Promise<boolean> {
    setBulkError(null);
    const requested = selected;
    // The target goes in `new_status`: `status` in a select-all body is the filter (the
    // filter's own key), so "all MISSED → BUSY" is { status: MISSED, new_status: BUSY }.
    const body = {
      action: pending.action,
      ...selectionBody(selection.selection, filter),
      ...(pending.action === 'update_status' ? { new_status: pending.status } : {}),
    };
    try {
      const { affected } = await bulk.mutateAsync({ body, company });
      const doneKey =
        pending.action === 'update_status'
          ? 'numbers.bulk.statusDone'
          : pending.action === 'reset'
            ? 'numbers.bulk.resetDone'
            : 'numbers.bulk.deleteDone';
      const skipped = requested - affected;
      // A status change skips numbers already in that status too; only deletes and resets report skips.
      const note =
        skipped > 0 && pending.action !== 'update_status'
          ? ` ${t('numbers.bulk.skipped', { count: skipped, n: format.number(skipped) })}`
          : '';
      toast.success(`${t(doneKey, { count: affected, n: format.number(affected) })}${note}`);
      selection.clear();
      return true;
    } catch (error) {
      setBulkError(numberActionError(error, t, { target: pending.action === 'update_status' ? pending.status : undefined }));
      return false;
    }
  }

  async function startExport() {
    const body =
      selected > 0 || selection.selection.mode === 'all'
        ? selectionBody(selection.selection, filter)
        : { select_all: true as const, ...filter };
    const saved = await exporter.start(body, company);
    if (saved) {
      toast.success(
        saved.rows === undefined
          ? t('numbers.exportDialog.doneNoCount', { file: isolate(saved.filename) })
          : t('numbers.exportDialog.done', { count: saved.rows, n: format.number(saved.rows), file: isolate(saved.filename) }),
      );
    }
  }

  const filtered = hasFilters(search);
  const addButtons = (
    <>
      <Button icon={<PlusIcon className="size-4" />} onClick={() => setDialog('add')}>
        {t('numbers.add')}
      </Button>
      <Button variant="secondary" icon={<UploadIcon className="size-4" />} onClick={() => setDialog('upload')}>
        {t('numbers.upload')}
      </Button>
    </>
  );

  const empty = filtered ? (
    <EmptyState
      icon={<SearchIcon />}
      title={t('numbers.noResults.title')}
      body={t('numbers.noResults.body')}
      action={
        <Button variant="secondary" onClick={clearFilters}>
          {t('numbers.filters.clear')}
        </Button>
      }
    />
  ) : canManage ? (
    <EmptyState
      icon={<ListIcon />}
      title={t('numbers.empty.title')}
      body={t('numbers.empty.body')}
      action={<div className="flex flex-wrap justify-center gap-2">{addButtons}</div>}
    />
  ) : (
    <EmptyState icon={<ListIcon />} title={t('numbers.empty.agentTitle')} body={t('numbers.empty.agentBody')} />
  );

  const exportLabel =
    selected > 0 || selection.selection.mode === 'all'
      ? t('numbers.exportSelected', { n: format.number(selected) })
      : total !== undefined
        ? t('numbers.exportMatching', { n: format.number(total) })
        : t('numbers.exportAll');

  return (
    <>
      <PageHeader
        title={t('numbers.title')}
        description={canManage ? t('numbers.description', { company: isolate(companyLabel) }) : t('numbers.agentDescription')}
        actions={
          canManage ? (
            <>
              {addButtons}
              <Button
                variant="secondary"
                icon={<DownloadIcon className="size-4" />}
                disabled={exporter.state.phase === 'running' || (selected === 0 && total === 0)}
                onClick={() => void startExport()}
              >
                {exportLabel}
              </Button>
            </>
          ) : null
        }
      />
      <Card className="overflow-hidden">
        <NumbersToolbar
          search={search}
          onChange={change}
          onClear={clearFilters}
          agents={canManage ? (agents.data?.items ?? []) : undefined}
          companyCalendar={(company ? scopeCompany?.calendar : me.company.calendar) ?? me.company.calendar}
          companies={me.is_superuser ? (companies.data?.items ?? []) : undefined}
          company={company ?? me.company.name}
          onCompany={(slug) => change({ company: searchValue(slug), agent_id: undefined })}
        />
        <DrillFilters search={search} timeZone={(company ? scopeCompany?.timezone : me.company.timezone) ?? undefined} onChange={change} />
        {showBulkBar ? (
          <BulkActionsBar
            me={me}
            format={format}
            selection={selection.selection}
            count={selected}
            total={total}
            pageRows={pageIds.length}
            allOnPageSelected={allOnPageSelected}
            onSelectAllMatching={selection.selectAllMatching}
            onClear={selection.clear}
            pending={bulk.isPending}
            error={bulkError}
            onRun={runBulk}
            onDismissError={() => setBulkError(null)}
          />
        ) : null}
        {list.isError && !list.data ? (
          <LoadError title={t('numbers.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <NumbersTable
            rows={rows}
            loading={list.isPending}
            refreshing={list.isFetching && list.isPlaceholderData}
            empty={empty}
            me={me}
            format={format}
            sortBy={sortBy}
            sortOrder={sortOrder}
            onSort={onSort}
            selection={canManage ? { value: selection.selection, onToggle: selection.toggle, onTogglePage: selection.setPage } : undefined}
            canManage={canManage}
            busyId={busyId}
            company={company}
            onStatusChange={changeRowStatus}
            onReset={(row) => setRowConfirm({ kind: 'reset', row })}
            onDelete={(row) => setRowConfirm({ kind: 'delete', row })}
          />
        )}
        {rows && (rows.length > 0 || skip > 0) ? (
          <Pagination
            skip={skip}
            limit={limit}
            total={total}
            pageRows={rows.length}
            pageSizes={NUMBER_PAGE_SIZES}
            formatNumber={format.number}
            onSkipChange={(next) => change({ skip: next || undefined })}
            onLimitChange={(next) => change({ limit: next === DEFAULT_PAGE_SIZE ? undefined : next, skip: undefined })}
          />
        ) : null}
      </Card>

      <ConfirmDialog
        open={rowConfirm !== null}
        title={rowConfirm?.kind === 'reset' ? t('numbers.row.resetTitle') : t('numbers.row.deleteTitle')}
        body={
          rowConfirm
            ? t(rowConfirm.kind === 'reset' ? 'numbers.row.resetBody' : 'numbers.row.deleteBody', {
                phone: isolate(rowConfirm.row.phone_number),
              })
            : null
        }
        confirmLabel={rowConfirm?.kind === 'reset' ? t('numbers.bulk.resetConfirm') : t('numbers.bulk.deleteConfirm')}
        confirmVariant={rowConfirm?.kind === 'reset' ? 'primary' : 'danger'}
        pendingLabel={rowConfirm?.kind === 'reset' ? t('numbers.bulk.working') : undefined}
        pending={rowMutation.isPending}
        error={rowMutation.error && rowConfirm ? numberActionError(rowMutation.error, t, { current: rowConfirm.row.status }) : null}
        onConfirm={confirmRow}
        onClose={() => {
          if (rowMutation.isPending) return;
          rowMutation.reset();
          setRowConfirm(null);
        }}
      />
      <AddNumbersDialog open={dialog === 'add'} company={company} format={format} onClose={() => setDialog(null)} />
      <UploadNumbersDialog open={dialog === 'upload'} company={company} format={format} onClose={() => setDialog(null)} />
      <ExportDialog state={exporter.state} format={format} onCancel={exporter.cancel} onClose={exporter.cancel} />
    </>
  );
}
