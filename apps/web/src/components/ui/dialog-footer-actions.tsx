import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { DialogFooter } from './dialog';

export interface DialogFooterActionsProps {
  /** The secondary button: Cancel unless `cancelLabel` names it otherwise. */
  onCancel: () => void;
  cancelLabel?: string;
  cancelDisabled?: boolean;
  /** The primary button; without `onSubmit` it submits the surrounding form. */
  submitLabel: string;
  onSubmit?: () => void;
  pending?: boolean;
  submitIcon?: ReactNode;
  submitDisabled?: boolean;
  /** Focus the primary button when the dialog opens (a result step's "Done"). */
  autoFocusSubmit?: boolean;
}

/** The two buttons at the foot of a dialog: a secondary one, then the primary one at the inline end. */
export function DialogFooterActions({
  onCancel,
  cancelLabel,
  cancelDisabled,
  submitLabel,
  onSubmit,
  pending = false,
  submitIcon,
  submitDisabled,
  autoFocusSubmit,
}: DialogFooterActionsProps) {
  const { t } = useTranslation();
  return (
    <DialogFooter>
      <Button variant="secondary" onClick={onCancel} disabled={cancelDisabled}>
        {cancelLabel ?? t('common.cancel')}
      </Button>
      <Button
        type={onSubmit ? 'button' : 'submit'}
        onClick={onSubmit}
        loading={pending}
        icon={submitIcon}
        disabled={submitDisabled}
        data-autofocus={autoFocusSubmit || undefined}
      >
        {submitLabel}
      </Button>
    </DialogFooter>
  );
}
