import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { GlobalStatus, NumberHistoryItem } from '@dialdeck/contracts/numbers';
import { Alert } from '../../../components/ui/alert';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogBody } from '../../../components/ui/dialog';
import { EmptyState } from '../../../components/ui/empty-state';
import { LoadError } from '../../../components/ui/load-error';
import { LtrText } from '../../../components/ui/ltr-text';
import { Spinner } from '../../../components/ui/spinner';
import type { Formatters } from '../../../lib/use-format';
import { useNumberHistory } from '../api/get-number-history';
import { NumberStatusBadge } from './number-status-badge';

const GLOBAL_TONES: Record<GlobalStatus, 'success' | 'neutral' | 'danger'> = {
  ACTIVE: 'success',
  POWER_OFF: 'neutral',
  COMPLAINED: 'danger',
};

/** Only web links open: a recording URL is the dialer's text, and `javascript:` is not a recording. */
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

export interface NumberHistoryDrawerProps {
  /** The number whose detail is open, or null when closed. */
  number: { id: number; phone_number: string } | null;
  company: string | undefined;
  format: Formatters;
  onClose: () => void;
}

/** A number's detail: the pool's status, this company's status and its call results, newest first, loaded page by page. */
export function NumberHistoryDrawer({ number, company, format, onClose }: NumberHistoryDrawerProps) {
  const { t } = useTranslation();
  const history = useNumberHistory(number?.id ?? null, company);
  const pages = history.data?.pages ?? [];
  const detail = pages[0]?.number;
  const items = pages.flatMap((p) => p.items);
  const listRef = useRef<HTMLOListElement>(null);

  // Focus moves to the first result just loaded: the reader continues from there, and the
  // focus is not lost (to the page, out of the dialog) when the last page removes the button.
  const focusAt = useRef<number | null>(null);
  function loadMore() {
    focusAt.current = items.length;
    void history.fetchNextPage();
  }
  useEffect(() => {
    const at = focusAt.current;
    if (at === null || items.length <= at) return;
    focusAt.current = null;
    listRef.current?.querySelectorAll<HTMLElement>('[data-testid="history-item"]')[at]?.focus();
  }, [items.length]);

  return (
    <Dialog
      open={number !== null}
      onClose={onClose}
      size="lg"
      title={t('history.title')}
      description={number ? <LtrText className="font-medium text-zinc-900 tabular-nums">{number.phone_number}</LtrText> : null}
    >
      <DialogBody className="space-y-5">
        {history.isPending ? (
          <div role="status" className="flex items-center justify-center gap-3 py-12 text-sm text-zinc-500">
            <Spinner className="size-5 text-indigo-600" />
            {t('common.loading')}
          </div>
        ) : history.isError && !detail ? (
          <LoadError title={t('history.loadError')} error={history.error} onRetry={() => void history.refetch()} />
        ) : detail ? (
          <>
            <dl className="grid gap-3 sm:grid-cols-3" data-testid="history-statuses">
              <div className="rounded-lg border border-zinc-200 px-3 py-2">
                <dt className="text-xs font-medium text-zinc-600">{t('history.globalStatus')}</dt>
                <dd className="mt-1">
                  <Badge tone={GLOBAL_TONES[detail.global_status]}>{t(`history.globalStatuses.${detail.global_status}`)}</Badge>
                </dd>
              </div>
              <div className="rounded-lg border border-zinc-200 px-3 py-2">
                <dt className="text-xs font-medium text-zinc-600">{t('history.companyStatus')}</dt>
                <dd className="mt-1">
                  <NumberStatusBadge status={detail.status} />
                </dd>
              </div>
              <div className="rounded-lg border border-zinc-200 px-3 py-2">
                <dt className="text-xs font-medium text-zinc-600">{t('history.attempts')}</dt>
                <dd className="mt-1 text-sm font-semibold text-zinc-900 tabular-nums">{format.number(detail.total_attempts)}</dd>
              </div>
            </dl>

            <section aria-labelledby="number-history-heading">
              <h3 id="number-history-heading" className="text-sm font-semibold text-zinc-900">
                {t('history.results')}
              </h3>
              {items.length === 0 ? (
                <EmptyState title={t('history.emptyTitle')} body={t('history.emptyBody')} />
              ) : (
                <ol ref={listRef} className="mt-3 space-y-3" data-testid="history-items">
                  {items.map((item) => (
                    <HistoryEntry key={item.id} item={item} format={format} />
                  ))}
                </ol>
              )}
              {history.isFetchNextPageError ? <Alert className="mt-3">{t('history.loadMoreError')}</Alert> : null}
              {history.hasNextPage ? (
                <div className="mt-4 flex justify-center">
                  <Button variant="secondary" size="sm" loading={history.isFetchingNextPage} onClick={loadMore}>
                    {t('history.loadMore')}
                  </Button>
                </div>
              ) : null}
            </section>
          </>
        ) : null}
      </DialogBody>
    </Dialog>
  );
}

function HistoryEntry({ item, format }: { item: NumberHistoryItem; format: Formatters }) {
  const { t } = useTranslation();
  const seconds =
    item.duration_seconds === null
      ? null
      : new Intl.NumberFormat(format.locale, { style: 'unit', unit: 'second', unitDisplay: 'long' }).format(item.duration_seconds);
  return (
    <li
      tabIndex={-1}
      className="rounded-lg border border-zinc-200 px-4 py-3 outline-none focus-visible:outline-2 focus-visible:outline-indigo-600"
      data-testid="history-item"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <NumberStatusBadge status={item.status} />
          {item.source === 'manual' ? <span className="text-xs text-zinc-600">{t('history.manual')}</span> : null}
        </div>
        <time dateTime={item.attempted_at} className="text-xs text-zinc-600">
          {format.dateTime(item.attempted_at)}
        </time>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        {item.reason ? <Field label={t('history.reason')} value={item.reason} /> : null}
        {item.agent_name ? <Field label={t('history.agent')} value={item.agent_name} /> : null}
        {seconds ? <Field label={t('history.duration')} value={seconds} /> : null}
        {item.user_message ? <Field label={t('history.message')} value={item.user_message} /> : null}
        {item.transferred ? (
          <Field
            label={t('history.transferred')}
            value={[item.transfer_department, item.transfer_reason].filter(Boolean).join(' · ') || t('history.yes')}
          />
        ) : null}
      </dl>
      {item.summary ? (
        <div className="mt-3">
          <p className="text-xs font-medium text-zinc-600">{t('history.summary')}</p>
          <p className="mt-1 text-sm text-zinc-800" dir="auto">
            {item.summary}
          </p>
        </div>
      ) : null}
      {item.transcript ? (
        <details className="mt-3" open>
          <summary className="cursor-pointer text-xs font-medium text-zinc-600">{t('history.transcript')}</summary>
          <p
            className="mt-1 max-h-64 overflow-y-auto rounded bg-zinc-50 p-2 text-sm whitespace-pre-wrap text-zinc-800"
            dir="auto"
            data-testid="history-transcript"
          >
            {item.transcript}
          </p>
        </details>
      ) : null}
      {item.recording_url && isWebUrl(item.recording_url) ? (
        <a
          href={item.recording_url}
          target="_blank"
          rel="noreferrer noopener"
          className="mt-3 inline-block text-sm font-medium text-indigo-700 underline hover:text-indigo-900"
        >
          {t('history.recording')}
        </a>
      ) : null}
    </li>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <>
      <dt className="text-zinc-600">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-800" dir="auto">
        {value}
      </dd>
    </>
  );
}
