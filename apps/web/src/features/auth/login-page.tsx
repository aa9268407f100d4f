import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/ui/alert';
import { LanguageSwitcher } from '../../components/layout/language-switcher';
import { BrandMark } from '../../components/layout/sidebar-nav';
import { LoginForm } from './components/login-form';

export interface LoginPageProps {
  reason?: 'expired' | 'logout';
  onSuccess: () => void;
}

export function LoginPage({ reason, onSuccess }: LoginPageProps) {
  const { t } = useTranslation();
  return (
    <div className="flex min-h-dvh flex-col bg-gradient-to-b from-indigo-50/70 via-zinc-50 to-zinc-50">
      <header className="flex items-center justify-between px-6 py-4">
        <BrandMark />
        <LanguageSwitcher />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 pb-16 sm:pt-20">
        <div className="w-full max-w-sm">
          <div className="rounded-2xl border border-zinc-200 bg-white p-8 shadow-sm">
            <h1 className="text-xl font-semibold tracking-tight text-zinc-900">{t('auth.title')}</h1>
            <p className="mt-1 mb-6 text-sm text-zinc-600">{t('auth.subtitle')}</p>
            {reason === 'expired' ? (
              <Alert tone="info" className="mb-5">
                {t('auth.sessionExpired')}
              </Alert>
            ) : null}
            {reason === 'logout' ? (
              <Alert tone="success" className="mb-5">
                {t('auth.loggedOut')}
              </Alert>
            ) : null}
            <LoginForm onSuccess={onSuccess} />
          </div>
        </div>
      </main>
    </div>
  );
}
