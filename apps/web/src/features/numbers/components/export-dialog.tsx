import { useTranslation } from 'react-i18next';
import { Alert } from '../../../components/ui/alert';
import { Button } from '../../../components/ui/button';
import { Dialog, DialogBody, DialogFooter } from '../../../components/ui/dialog';
import { ProgressBar } from '../../../components/ui/progress-bar';
import { errorMessage } from '../../../lib/form-errors';
import type { Formatters } from '../../../lib/use-format';
import type { ExportState } from '../api/export-numbers';

export interface ExportDialogProps {
  state: ExportState;
  format: Formatters;
  onCancel: () => void;
  onClose: () => void;
}

/**
 * The export while it streams: bytes received (a determinate bar only when the
 * server sends Content-Length; a streamed XLSX has none) and the row count from
 * x-total-count. Cancel aborts the request.
 */
export function ExportDialog({ state, format, onCancel, onClose }: ExportDialogProps) {
  const { t } = useTranslation();
  const open = state.phase === 'running' || state.phase === 'error';

  return (
    <Dialog open={open} onClose={state.phase === 'running' ? onCancel : onClose} title={t('numbers.exportDialog.title')} size="sm">
      <DialogBody className="space-y-3">
        {state.phase === 'running' ? (
          <div className="space-y-2" data-testid="export-progress">
            <div className="flex items-center justify-between gap-3 text-sm">
              <span className="font-medium text-zinc-800" aria-live="polite">
                {state.rows === undefined
                  ? t('numbers.exportDialog.waiting')
                  : t('numbers.exportDialog.rows', { count: state.rows, n: format.number(state.rows) })}
              </span>
              <span className="text-xs text-zinc-500 tabular-nums">
                {t('numbers.exportDialog.received', { size: format.bytes(state.received) })}
              </span>
            </div>
            <ProgressBar
              label={t('numbers.exportDialog.progressLabel')}
              value={state.size ? (state.received / state.size) * 100 : undefined}
              valueText={t('numbers.exportDialog.received', { size: format.bytes(state.received) })}
            />
          </div>
        ) : null}
        {state.phase === 'error' ? (
          <Alert>
            {t('numbers.exportDialog.failed')} {errorMessage(state.error, t)}
          </Alert>
        ) : null}
      </DialogBody>
      <DialogFooter>
        {state.phase === 'running' ? (
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            {t('numbers.exportDialog.cancel')}
          </Button>
        ) : (
          <Button variant="secondary" onClick={onClose} data-autofocus>
            {t('common.close')}
          </Button>
        )}
      </DialogFooter>
    </Dialog>
  );
}
