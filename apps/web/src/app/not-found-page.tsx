import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { intlLocale } from '../lib/use-format';

/** Outside the app layout (the root route's fallback), so it brings its own main landmark. */
export function NotFoundPage() {
  const { t, i18n } = useTranslation();
  const code = new Intl.NumberFormat(intlLocale(i18n.language), { useGrouping: false }).format(404);
  return (
    <main id="main" className="flex min-h-[60dvh] flex-col items-center justify-center gap-3 px-6 text-center">
      <p className="text-5xl font-semibold text-indigo-600">{code}</p>
      <h1 className="text-xl font-semibold text-zinc-900">{t('notFound.title')}</h1>
      <p className="text-sm text-zinc-600">{t('notFound.body')}</p>
      <Link to="/" className="mt-2 text-sm font-medium text-indigo-700 hover:text-indigo-600">
        {t('notFound.back')}
      </Link>
    </main>
  );
}
