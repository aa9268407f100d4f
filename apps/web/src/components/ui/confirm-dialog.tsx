import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from './alert';
import { Button } from './button';
import { Dialog, DialogBody, DialogFooter } from './dialog';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  body: ReactNode;
  confirmLabel: string;
  pending?: boolean;
  /** The confirm button while the request runs; "Deleting…" unless given. */
  pendingLabel?: string;
  /** `primary` for a confirmation that destroys nothing (e.g. a status change). */
  confirmVariant?: 'danger' | 'primary';
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}

/** A destructive action asks first; Cancel gets the initial focus so Enter does no harm. */
export function ConfirmDialog({
  open,
  title,
  body,
  confirmLabel,
  pending = false,
  pendingLabel,
  confirmVariant = 'danger',
  error,
  onConfirm,
  onClose,
}: ConfirmDialogProps) {
  const { t } = useTranslation();
  return (
    <Dialog open={open} onClose={onClose} title={title} size="sm" busy={pending} role="alertdialog">
      <DialogBody className="space-y-3">
        <div className="text-sm text-zinc-700">{body}</div>
        {error ? <Alert>{error}</Alert> : null}
      </DialogBody>
      <DialogFooter>
        <Button variant="secondary" onClick={onClose} disabled={pending} data-autofocus>
          {t('common.cancel')}
        </Button>
        <Button variant={confirmVariant} onClick={onConfirm} loading={pending}>
          {pending ? (pendingLabel ?? t('common.deleting')) : confirmLabel}
        </Button>
      </DialogFooter>
    </Dialog>
  );
}
