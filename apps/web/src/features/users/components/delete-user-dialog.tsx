import { useTranslation } from 'react-i18next';
import type { UserResponse } from '@dialdeck/contracts/auth';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { displayName } from '../../../lib/session';
import { isolate } from '../../../lib/bidi';
import { useConfirmMutation } from '../../../lib/use-confirm-mutation';
import { useDeleteUser } from '../api/delete-user';

export interface DeleteUserDialogProps {
  user: UserResponse | null;
  company?: string;
  onClose: () => void;
  onDeleted: (user: UserResponse) => void;
}

export function DeleteUserDialog({ user, company, onClose, onDeleted }: DeleteUserDialogProps) {
  const { t } = useTranslation();
  const confirm = useConfirmMutation(useDeleteUser(), user, ({ id }) => ({ id, company }), { onClose, onDone: onDeleted });
  return (
    <ConfirmDialog
      open={user !== null}
      title={t('users.deleteTitle')}
      body={user ? t('users.deleteBody', { name: isolate(displayName(user)), username: isolate(user.username) }) : null}
      confirmLabel={t('users.deleteConfirm')}
      {...confirm}
    />
  );
}
