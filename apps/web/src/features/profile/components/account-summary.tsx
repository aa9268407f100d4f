import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { Badge } from '../../../components/ui/badge';
import { Card, CardHeader } from '../../../components/ui/card';
import { LtrText } from '../../../components/ui/ltr-text';
import type { Formatters } from '../../../lib/use-format';

export function AccountSummary({ user, format }: { user: UserResponse; format: Formatters }) {
  const { t } = useTranslation();
  const rows = [
    { label: t('profile.username'), value: <LtrText>{user.username}</LtrText> },
    { label: t('profile.company'), value: user.company.display_name },
    {
      label: t('profile.role'),
      value: (
        <span className="flex flex-wrap gap-1">
          <Badge tone={user.role === 'ADMIN' ? 'info' : 'neutral'}>{t(`roles.${user.role}`)}</Badge>
          {user.is_superuser ? <Badge tone="accent">{t('roles.superuser')}</Badge> : null}
        </span>
      ),
    },
    { label: t('profile.memberSince'), value: <time dateTime={user.created_at}>{format.date(user.created_at)}</time> },
  ];
  return (
    <Card>
      <CardHeader title={t('profile.account')} />
      <dl className="divide-y divide-zinc-100 px-6">
        {rows.map((row) => (
          <div key={row.label} className="flex items-center justify-between gap-4 py-3 text-sm">
            <dt className="text-zinc-500">{row.label}</dt>
            <dd className="text-end font-medium text-zinc-900">{row.value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
