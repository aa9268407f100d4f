import { useTranslation } from 'react-i18next';
import type { VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { isolate } from '../../../lib/bidi';
import { useConfirmMutation } from '../../../lib/use-confirm-mutation';
import { useDeleteVoiceServer } from '../api/delete-voice-server';

export interface DeleteVoiceServerDialogProps {
  server: VoiceServerResponse | null;
  onClose: () => void;
  onDeleted: (server: VoiceServerResponse) => void;
}

export function DeleteVoiceServerDialog({ server, onClose, onDeleted }: DeleteVoiceServerDialogProps) {
  const { t } = useTranslation();
  const confirm = useConfirmMutation(useDeleteVoiceServer(), server, ({ id }) => ({ id }), { onClose, onDone: onDeleted });
  return (
    <ConfirmDialog
      open={server !== null}
      title={t('voiceServers.deleteTitle')}
      body={server ? t('voiceServers.deleteBody', { name: isolate(server.name), url: isolate(server.url) }) : null}
      confirmLabel={t('voiceServers.deleteConfirm')}
      {...confirm}
    />
  );
}
