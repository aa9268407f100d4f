import { useEffect, useRef, useState } from 'react';
import type * as ChartJsModule from 'chart.js';
import type { Chart, ChartConfiguration, ChartOptions } from 'chart.js';
import { Spinner } from '../../../components/ui/spinner';
import { cn } from '../../../lib/cn';

type ChartJs = typeof ChartJsModule;
let loading: Promise<ChartJs> | null = null;

/**
 * Chart.js is loaded on first use with import(), so its code is a chunk of its own that
 * the login and numbers pages never download. Only the pieces the dashboard draws are
 * registered (Chart.js is tree-shakable that way).
 */
function loadChartJs(): Promise<ChartJs> {
  loading ??= import('chart.js').then((m) => {
    m.Chart.register(
      m.BarController,
      m.BarElement,
      m.DoughnutController,
      m.ArcElement,
      m.CategoryScale,
      m.LinearScale,
      m.Legend,
      m.Tooltip,
    );
    return m;
  });
  return loading;
}

/** The charts the dashboard draws. */
export type DashboardChartConfig = ChartConfiguration<'bar'> | ChartConfiguration<'doughnut'>;

export interface ChartCanvasProps {
  config: DashboardChartConfig;
  /** What the chart shows, for screen readers (the table beside it has the figures). */
  label: string;
  className?: string;
  /** A click on a bar or a segment: which dataset and which item. */
  onItemClick?: (datasetIndex: number, index: number) => void;
}

export function ChartCanvas({ config, label, className, onItemClick }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const [ready, setReady] = useState(false);
  const [failed, setFailed] = useState(false);
  const click = useRef(onItemClick);
  click.current = onItemClick;

  useEffect(() => {
    let cancelled = false;
    loadChartJs().then(
      (m) => {
        if (cancelled || !canvas.current) return;
        const el = canvas.current;
        // Chart.js draws text itself: give it the page's font (Vazirmatn, Heebo) and colour.
        const style = getComputedStyle(el);
        m.Chart.defaults.font.family = style.fontFamily;
        m.Chart.defaults.color = '#3f3f46';
        const current = chart.current;
        const options = withClick((config.options ?? {}) as ChartOptions);
        // Updating in place animates from the old figures to the new (a live event moves a bar, not redraws the chart).
        if (current && (current.config as ChartConfiguration).type === config.type) {
          current.data = config.data as Chart['data'];
          current.options = options;
          current.update();
        } else {
          current?.destroy();
          chart.current = new m.Chart(el, { ...(config as ChartConfiguration), options });
        }
        setReady(true);
      },
      () => {
        if (!cancelled) setFailed(true);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [config]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <div className={cn('relative min-w-0', className)}>
      <canvas ref={canvas} role="img" aria-label={label} />
      {!ready && !failed ? (
        <div className="absolute inset-0 flex items-center justify-center text-indigo-600">
          <Spinner className="size-5" />
        </div>
      ) : null}
    </div>
  );

  function withClick(options: ChartOptions): ChartOptions {
    // Bars that grow and slide are motion: off for those who asked their system for less.
    const still = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    return {
      ...options,
      ...(still ? { animation: false as const } : {}),
      onClick: (_event: unknown, elements: { datasetIndex: number; index: number }[]) => {
        const hit = elements[0];
        if (hit && click.current) click.current(hit.datasetIndex, hit.index);
      },
      onHover: (event: { native: Event | null }, elements: unknown[]) => {
        const target = event.native?.target;
        if (target instanceof HTMLElement) target.style.cursor = elements.length && click.current ? 'pointer' : 'default';
      },
    };
  }
}
