import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '../../../components/ui/card';
import { LoadError } from '../../../components/ui/load-error';
import { Spinner } from '../../../components/ui/spinner';

/** A dashboard card: a title, its controls, and its body once loaded (a spinner first, a retry on failure). */
export function Panel({
  title,
  description,
  actions,
  query,
  children,
  testId,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  query: { isPending: boolean; isError: boolean; error: unknown; data: unknown; refetch: () => unknown };
  children: ReactNode;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card className="flex min-w-0 flex-col">
      <section
        aria-label={title}
        aria-busy={query.isPending && !query.isError ? true : undefined}
        data-testid={testId}
        className="flex min-w-0 flex-1 flex-col"
      >
        <div className="flex flex-wrap items-start justify-between gap-3 border-b border-zinc-100 px-5 py-4">
          <div className="min-w-0">
            <h2 className="text-base font-semibold text-zinc-900">{title}</h2>
            {description ? <p className="mt-0.5 text-sm text-zinc-600">{description}</p> : null}
          </div>
          {actions ? <div className="flex flex-wrap items-center gap-2">{actions}</div> : null}
        </div>
        {query.isError && !query.data ? (
          <LoadError title={t('dashboard.loadError')} error={query.error} onRetry={() => void query.refetch()} />
        ) : query.isPending ? (
          <div role="status" className="flex flex-1 items-center justify-center gap-2 py-16 text-sm text-zinc-600">
            <Spinner className="size-5 text-indigo-600" />
            {t('common.loading')}
          </div>
        ) : (
          <div className="min-w-0 flex-1 p-5">{children}</div>
        )}
      </section>
    </Card>
  );
}

/** "Show as table" / "Show as chart": every chart has its figures as a table too. */
export function TableToggle({ table, onToggle }: { table: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      aria-pressed={table}
      onClick={onToggle}
      className="h-8 cursor-pointer rounded-md border border-zinc-300 bg-white px-2.5 text-sm font-medium text-zinc-800 shadow-sm hover:bg-zinc-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
    >
      {t('dashboard.showTable')}
    </button>
  );
}
