import { useTranslation } from 'react-i18next';
import { Button } from '../ui/button';
import { CompactSelect } from '../ui/form-field';
import { ChevronEndIcon, ChevronStartIcon } from '../ui/icons';

export const PAGE_SIZES = [10, 20, 50, 100] as const;

export interface PaginationProps {
  skip: number;
  limit: number;
  /** Undefined while the count is still loading: the range then shows without "of N". */
  total: number | undefined;
  /** Rows on this page, to know whether a next page may exist while the total is unknown. */
  pageRows?: number;
  /** Page sizes offered; defaults to PAGE_SIZES. */
  pageSizes?: readonly number[];
  formatNumber: (value: number) => string;
  onSkipChange: (skip: number) => void;
  onLimitChange: (limit: number) => void;
}

/** Server-side paging over skip/limit, showing "x–y of total". */
export function Pagination({
  skip,
  limit,
  total,
  pageRows,
  pageSizes = PAGE_SIZES,
  formatNumber,
  onSkipChange,
  onLimitChange,
}: PaginationProps) {
  const { t } = useTranslation();
  const shown = total ?? skip + (pageRows ?? 0);
  const from = shown === 0 ? 0 : skip + 1;
  const to = Math.min(skip + limit, shown);
  const canPrevious = skip > 0;
  const canNext = total === undefined ? pageRows === limit : skip + limit < total;

  return (
    <nav
      aria-label={t('pagination.label')}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-zinc-200 px-4 py-3 text-sm text-zinc-600"
    >
      <div className="flex items-center gap-2">
        <span aria-hidden="true" className="whitespace-nowrap">
          {t('pagination.rowsPerPage')}
        </span>
        <CompactSelect label={t('pagination.rowsPerPage')} value={limit} onChange={(e) => onLimitChange(Number(e.target.value))}>
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {formatNumber(size)}
            </option>
          ))}
        </CompactSelect>
      </div>
      <div className="flex items-center gap-3">
        <p aria-live="polite" className="tabular-nums">
          {total === undefined
            ? t('pagination.rangeOnly', { from: formatNumber(from), to: formatNumber(to) })
            : t('pagination.range', { from: formatNumber(from), to: formatNumber(to), total: formatNumber(total) })}
        </p>
        <div className="flex items-center gap-1">
          <Button
            variant="secondary"
            size="sm"
            disabled={!canPrevious}
            onClick={() => onSkipChange(Math.max(0, skip - limit))}
            icon={<ChevronStartIcon className="size-4 rtl:-scale-x-100" />}
          >
            {t('pagination.previous')}
          </Button>
          <Button variant="secondary" size="sm" disabled={!canNext} onClick={() => onSkipChange(skip + limit)}>
            {t('pagination.next')}
            <ChevronEndIcon className="size-4 rtl:-scale-x-100" />
          </Button>
        </div>
      </div>
    </nav>
  );
}
