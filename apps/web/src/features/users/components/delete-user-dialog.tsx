import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { errorMessage } from '../../../lib/form-errors';
import { displayName } from '../../../lib/session';
import { isolate } from '../../../lib/bidi';
import { useDeleteUser } from '../api/delete-user';

export interface DeleteUserDialogProps {
  user: UserResponse | null;
  company?: string;
  onClose: () => void;
  onDeleted: (user: UserResponse) => void;
}

export function DeleteUserDialog({ user, company, onClose, onDeleted }: DeleteUserDialogProps) {
  const { t } = useTranslation();
  const remove = useDeleteUser();

  const close = () => {
    remove.reset();
    onClose();
  };

  return (
    <ConfirmDialog
      open={user !== null}
      title={t('users.deleteTitle')}
      body={user ? t('users.deleteBody', { name: isolate(displayName(user)), username: isolate(user.username) }) : null}
      confirmLabel={t('users.deleteConfirm')}
      pending={remove.isPending}
      error={remove.error ? errorMessage(remove.error, t) : null}
      onClose={close}
      onConfirm={() => {
        if (!user) return;
        remove.mutate(
          { id: user.id, company },
          {
            onSuccess: () => {
              remove.reset();
              onDeleted(user);
            },
          },
        );
      }}
    />
  );
}
