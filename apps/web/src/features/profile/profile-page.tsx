import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ui/page-header';
import { useMe } from '../../lib/session';
import { useFormat } from '../../lib/use-format';
import { AccountSummary } from './components/account-summary';
import { ChangePasswordForm } from './components/change-password-form';
import { HourCycleCard } from './components/hour-cycle-card';
import { ProfileDetailsForm } from './components/profile-details-form';

export function ProfilePage() {
  const { t } = useTranslation();
  const me = useMe();
  const format = useFormat();
  return (
    <>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="lg:col-span-1">
          <AccountSummary user={me} format={format} />
        </div>
        <div className="space-y-6 lg:col-span-2">
          <ProfileDetailsForm user={me} />
          <ChangePasswordForm />
          <HourCycleCard />
        </div>
      </div>
    </>
  );
}
