import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { formatWait } from '../../../lib/format-wait';
import { intlLocale } from '../../../lib/use-format';

/** Sign-in is refused until `until` (from the 429's Retry-After): says how long is left, counting down. */
export function LoginWait({ until, onOver }: { until: number; onOver: () => void }) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  const left = Math.ceil((until - now) / 1000);

  useEffect(() => {
    if (left <= 0) {
      onOver();
      return;
    }
    const timer = setTimeout(() => setNow(Date.now()), 1000);
    return () => clearTimeout(timer);
  }, [left, onOver]);

  if (left <= 0) return null;
  return (
    <Alert tone="warning" data-testid="login-wait">
      {t('polish.login.wait', { time: formatWait(left, intlLocale(i18n.language)) })}
    </Alert>
  );
}
