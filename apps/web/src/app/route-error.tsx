import { useTranslation } from 'react-i18next';
import { Alert } from '../components/ui/alert';
import { Button } from '../components/ui/button';
import { errorMessage } from '../lib/form-errors';

/** A route whose guard or loader failed for a reason other than auth (server down, say). */
export function RouteError({ error, reset }: { error: unknown; reset: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto max-w-md px-6 py-24">
      <Alert>
        <p>{errorMessage(error, t)}</p>
        <Button
          variant="secondary"
          size="sm"
          className="mt-3"
          onClick={() => {
            reset();
            window.location.reload();
          }}
        >
          {t('common.retry')}
        </Button>
      </Alert>
    </div>
  );
}
