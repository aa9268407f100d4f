import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LineResponse } from '@dialdeck/contracts/lines';
import { Pagination } from '../../components/data-table/pagination';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { ConfirmDialog } from '../../components/ui/confirm-dialog';
import { EmptyState } from '../../components/ui/empty-state';
import { ClockIcon, PhoneIcon, PlusIcon, SearchIcon } from '../../components/ui/icons';
import { LoadError } from '../../components/ui/load-error';
import { PageHeader } from '../../components/ui/page-header';
import { SearchBox } from '../../components/ui/search-box';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import { errorMessage } from '../../lib/form-errors';
import { canManageUsers, useMe } from '../../lib/session';
import { useConfirmMutation } from '../../lib/use-confirm-mutation';
import { useFormat } from '../../lib/use-format';
import { useSearchText } from '../../lib/use-search-text';
import { useAssignLine, useDeleteLine, useLinesList, useMyLines, useWakeLine } from './api/lines-api';
import { AssignLineDialog } from './components/assign-line-dialog';
import { LineFormDialog, type LineFormMode } from './components/line-form-dialog';
import { LinesTable } from './components/lines-table';
import { RestRuleDialog } from './components/rest-rule-dialog';

const PAGE_SIZE = 20;
const trimmed = (s: string) => s.trim();

/** Admins manage the company's lines; everyone else sees the lines they own or are assigned. */
export function LinesPage() {
  const me = useMe();
  return canManageUsers(me) ? <ManageLines /> : <MyLines />;
}

function MyLines() {
  const { t } = useTranslation();
  const format = useFormat();
  const mine = useMyLines();
  return (
    <>
      <PageHeader title={t('lines.mineTitle')} description={t('lines.mineDescription')} />
      <Card className="overflow-hidden">
        {mine.isError && !mine.data ? (
          <LoadError title={t('lines.loadError')} error={mine.error} onRetry={() => void mine.refetch()} />
        ) : (
          <LinesTable
            lines={mine.data?.items}
            loading={mine.isPending}
            refreshing={false}
            format={format}
            empty={<EmptyState icon={<PhoneIcon />} title={t('lines.mineEmpty.title')} body={t('lines.mineEmpty.body')} />}
          />
        )}
      </Card>
    </>
  );
}

function ManageLines() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const toast = useToast();
  const [skip, setSkip] = useState(0);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const [search, setSearch] = useState('');
  const { text, setText, submit } = useSearchText(search, trimmed, (s) => {
    setSearch(s);
    setSkip(0);
  });
  const list = useLinesList({ skip, limit, search: search || undefined });
  const [formMode, setFormMode] = useState<LineFormMode | null>(null);
  const [assigning, setAssigning] = useState<LineResponse | null>(null);
  const [deleting, setDeleting] = useState<LineResponse | null>(null);
  const [ruleOpen, setRuleOpen] = useState(false);
  const [busyId, setBusyId] = useState<number | null>(null);
  const unassign = useAssignLine();
  const wake = useWakeLine();
  const confirmDelete = useConfirmMutation(useDeleteLine(), deleting, ({ id }) => ({ id }), {
    onClose: () => setDeleting(null),
    onDone: (line) => {
      setDeleting(null);
      toast.success(t('lines.deletedToast', { name: isolate(line.display_name) }));
    },
  });

  const quick = (line: LineResponse, run: typeof wake.mutate | typeof unassign.mutate, vars: never, done: string) => {
    setBusyId(line.id);
    run(vars, {
      onSuccess: () => toast.success(done),
      onError: (error: Error) => toast.error(errorMessage(error, t)),
      onSettled: () => setBusyId(null),
    });
  };

  const empty = search ? (
    <EmptyState
      icon={<SearchIcon />}
      title={t('lines.noResults.title')}
      body={t('lines.noResults.body')}
      action={
        <Button variant="secondary" onClick={() => (setText(''), setSearch(''))}>
          {t('lines.clearSearch')}
        </Button>
      }
    />
  ) : (
    <EmptyState
      icon={<PhoneIcon />}
      title={t('lines.empty.title')}
      body={t('lines.empty.body')}
      action={
        <Button icon={<PlusIcon className="size-4" />} onClick={() => setFormMode({ kind: 'create' })}>
          {t('lines.add')}
        </Button>
      }
    />
  );

  return (
    <>
      <PageHeader
        title={t('lines.title')}
        description={t('lines.description', { company: isolate(me.company.display_name) })}
        actions={
          <div className="flex flex-wrap gap-2">
            <Button variant="secondary" icon={<ClockIcon className="size-4" />} onClick={() => setRuleOpen(true)}>
              {t('lines.restRule')}
            </Button>
            <Button icon={<PlusIcon className="size-4" />} onClick={() => setFormMode({ kind: 'create' })}>
              {t('lines.add')}
            </Button>
          </div>
        }
      />
      <Card className="overflow-hidden">
        <div className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-4 py-3">
          <SearchBox
            label={t('lines.searchPlaceholder')}
            className="min-w-56 flex-1 sm:max-w-xs"
            value={text}
            placeholder={t('lines.searchPlaceholder')}
            onValue={setText}
            onSubmit={submit}
          />
        </div>
        {list.isError && !list.data ? (
          <LoadError title={t('lines.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <LinesTable
            lines={list.data?.items}
            loading={list.isPending}
            refreshing={list.isFetching && list.isPlaceholderData}
            empty={empty}
            format={format}
            actions={{
              busyId,
              onEdit: (line) => setFormMode({ kind: 'edit', line }),
              onAssign: setAssigning,
              onDelete: setDeleting,
              onUnassign: (line) =>
                quick(
                  line,
                  unassign.mutate,
                  { id: line.id, agentId: null } as never,
                  t('lines.unassignedToast', { name: isolate(line.display_name) }),
                ),
              onWake: (line) =>
                quick(line, wake.mutate, { id: line.id } as never, t('lines.wokeToast', { name: isolate(line.display_name) })),
            }}
          />
        )}
        {list.data && list.data.total > 0 ? (
          <Pagination
            skip={skip}
            limit={limit}
            total={list.data.total}
            formatNumber={format.number}
            onSkipChange={setSkip}
            onLimitChange={(next) => (setLimit(next), setSkip(0))}
          />
        ) : null}
      </Card>

      <LineFormDialog
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(line, mode) => {
          setFormMode(null);
          toast.success(
            mode.kind === 'create'
              ? t('lines.createdToast', { name: isolate(line.display_name) })
              : t('lines.updatedToast', { name: isolate(line.display_name) }),
          );
        }}
      />
      <AssignLineDialog
        line={assigning}
        onClose={() => setAssigning(null)}
        onAssigned={(line) => {
          setAssigning(null);
          toast.success(
            t('lines.assignedToast', { name: isolate(line.display_name), agent: isolate(line.assigned_agent?.full_name ?? '') }),
          );
        }}
      />
      <RestRuleDialog
        open={ruleOpen}
        onClose={() => setRuleOpen(false)}
        onSaved={() => {
          setRuleOpen(false);
          toast.success(t('lines.rule.savedToast'));
        }}
      />
      <ConfirmDialog
        open={deleting !== null}
        title={t('lines.deleteTitle')}
        body={deleting ? t('lines.deleteBody', { name: isolate(deleting.display_name), phone: isolate(deleting.phone_number) }) : null}
        confirmLabel={t('lines.deleteConfirm')}
        {...confirmDelete}
      />
    </>
  );
}
