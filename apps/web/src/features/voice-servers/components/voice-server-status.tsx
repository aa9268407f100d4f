import { useTranslation } from 'react-i18next';
import type { VoiceServerResponse } from '@dialdeck/contracts/voice-servers';
import { Badge } from '../../../components/ui/badge';
import { cn } from '../../../lib/cn';

const TONE = { pending: 'neutral', verified: 'success', failed: 'danger' } as const;
const DOT = { pending: 'bg-zinc-400', verified: 'bg-emerald-500', failed: 'bg-red-500' } as const;

/** The handshake status with a dot (not colour alone), and why the last one failed. */
export function VoiceServerStatus({ server }: { server: VoiceServerResponse }) {
  const { t } = useTranslation();
  return (
    <div className="min-w-0 space-y-1">
      <Badge tone={TONE[server.status]}>
        <span aria-hidden="true" className={cn('size-1.5 rounded-full', DOT[server.status])} />
        {t(`voiceServers.statuses.${server.status}`)}
      </Badge>
      {server.status === 'failed' && server.last_error ? (
        // The reason is the server's English text about a URL: it reads left to right.
        <p dir="ltr" className="max-w-xs text-start text-xs break-words text-red-700" data-testid="voice-server-error">
          {server.last_error}
        </p>
      ) : null}
    </div>
  );
}
