import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Card } from '../../components/ui/card';
import { ChevronEndIcon } from '../../components/ui/icons';
import { isolate } from '../../lib/bidi';
import { displayName, useMe } from '../../lib/session';
import { useFormat } from '../../lib/use-format';

/** An agent's start page: who they are and where; work pages arrive with later issues. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  const role = me.is_superuser ? t('roles.superuser') : t(`roles.${me.role}`);
  return (
    <Card className="overflow-hidden">
      <div className="bg-gradient-to-br from-indigo-600 to-indigo-500 px-8 py-10 text-white">
        <h1 className="text-2xl font-semibold tracking-tight">{t('home.greeting', { name: isolate(displayName(me)) })}</h1>
        <p className="mt-2 text-indigo-100">{t('home.intro', { company: isolate(me.company.display_name), role })}</p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-4 px-8 py-5 text-sm">
        <p className="text-zinc-600">{t('home.today', { date: format.date(new Date()) })}</p>
        <Link
          to="/profile"
          className="inline-flex items-center gap-1 font-medium text-indigo-700 hover:text-indigo-600 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t('home.profileLink')}
          <ChevronEndIcon className="size-4 rtl:-scale-x-100" />
        </Link>
      </div>
    </Card>
  );
}
