import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { Button } from '../../components/ui/button';
import { Card } from '../../components/ui/card';
import { EmptyState } from '../../components/ui/empty-state';
import { PlusIcon, VoiceServerIcon } from '../../components/ui/icons';
import { LoadError } from '../../components/ui/load-error';
import { PageHeader } from '../../components/ui/page-header';
import { useToast } from '../../components/ui/toast';
import { isolate } from '../../lib/bidi';
import { errorMessage } from '../../lib/form-errors';
import { useFormat } from '../../lib/use-format';
import { useVoiceServersList } from './api/list-voice-servers';
import { useVerifyVoiceServer } from './api/verify-voice-server';
import { DeleteVoiceServerDialog } from './components/delete-voice-server-dialog';
import { VoiceServerFormDialog, type VoiceServerFormMode } from './components/voice-server-form-dialog';
import { VoiceServersTable } from './components/voice-servers-table';

/** The AI voice-server registry (superuser): status after a real WebSocket handshake, in pick order. */
export function VoiceServersPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const toast = useToast();
  const list = useVoiceServersList();
  const verify = useVerifyVoiceServer();
  const [formMode, setFormMode] = useState<VoiceServerFormMode | null>(null);
  const [deleting, setDeleting] = useState<VoiceServerResponse | null>(null);

  function runVerify(server: VoiceServerResponse) {
    verify.mutate(
      { id: server.id },
      {
        onSuccess: (result) =>
          result.status === 'verified'
            ? toast.success(t('voiceServers.verifiedToast', { name: isolate(server.name) }))
            : toast.error(t('voiceServers.failedToast', { name: isolate(server.name), error: isolate(result.error ?? '') })),
        onError: (error) => toast.error(errorMessage(error, t)),
      },
    );
  }

  const addButton = (
    <Button icon={<PlusIcon className="size-4" />} onClick={() => setFormMode({ kind: 'create' })}>
      {t('voiceServers.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('voiceServers.title')} description={t('voiceServers.description')} actions={addButton} />
      <Card className="overflow-hidden">
        {list.isError ? (
          <LoadError title={t('voiceServers.loadError')} error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <VoiceServersTable
            servers={list.data?.items}
            loading={list.isPending}
            format={format}
            verifyingId={verify.isPending ? verify.variables.id : null}
            onVerify={runVerify}
            onEdit={(server) => setFormMode({ kind: 'edit', server })}
            onDelete={setDeleting}
            empty={<EmptyState icon={<VoiceServerIcon />} title={t('voiceServers.empty.title')} body={t('voiceServers.empty.body')} />}
          />
        )}
      </Card>
      <VoiceServerFormDialog
        mode={formMode}
        onClose={() => setFormMode(null)}
        onSaved={(server, mode) => {
          setFormMode(null);
          toast.success(
            t(mode.kind === 'create' ? 'voiceServers.createdToast' : 'voiceServers.updatedToast', { name: isolate(server.name) }),
          );
        }}
      />
      <DeleteVoiceServerDialog
        server={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={(server) => {
          setDeleting(null);
          toast.success(t('voiceServers.deletedToast', { name: isolate(server.name) }));
        }}
      />
    </>
  );
}
