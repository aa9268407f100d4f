import { useTranslation } from 'react-i18next';
import type { DialerTokenResponse } from '@dialdeck/contracts/dialer';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { isolate } from '../../../lib/bidi';
import { useConfirmMutation } from '../../../lib/use-confirm-mutation';
import { useRevokeDialerToken } from '../api/revoke-dialer-token';

export interface RevokeTokenDialogProps {
  token: DialerTokenResponse | null;
  company: string | undefined;
  onClose: () => void;
  onRevoked: (token: DialerTokenResponse) => void;
}

export function RevokeTokenDialog({ token, company, onClose, onRevoked }: RevokeTokenDialogProps) {
  const { t } = useTranslation();
  const confirm = useConfirmMutation(useRevokeDialerToken(), token, ({ id }) => ({ id, company }), { onClose, onDone: onRevoked });
  return (
    <ConfirmDialog
      open={token !== null}
      title={t('dialer.tokens.revokeTitle')}
      body={token ? t('dialer.tokens.revokeBody', { name: isolate(token.name) }) : null}
      confirmLabel={t('dialer.tokens.revokeConfirm')}
      pendingLabel={t('dialer.tokens.revoking')}
      {...confirm}
    />
  );
}
