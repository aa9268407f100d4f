import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../lib/form-errors';
import { Alert } from './alert';
import { Button } from './button';

/** A list that failed to load: what failed, why, and a retry button. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="p-4">
      <Alert>
        <p>
          {title} {errorMessage(error, t)}
        </p>
        <Button variant="secondary" size="sm" className="mt-2" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      </Alert>
    </div>
  );
}
