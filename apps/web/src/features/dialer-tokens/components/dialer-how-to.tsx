import { Trans, useTranslation } from 'react-i18next';
import { Card, CardHeader } from '../../../components/ui/card';

function Code({ children }: { children: string }) {
  return (
    <pre
      dir="ltr"
      className="overflow-x-auto rounded-md whitespace-pre-wrap [overflow-wrap:anywhere] bg-zinc-900 px-3 py-2 text-start font-mono text-xs leading-relaxed text-zinc-100"
    >
      {children}
    </pre>
  );
}

/** The three things a dialer integrator needs: the header, the two endpoints, and the reference client. */
export function DialerHowTo() {
  const { t } = useTranslation();
  // This server's own address: what a dialer on this network would call.
  const origin = window.location.origin;
  return (
    <Card>
      <CardHeader title={t('dialer.howTo.title')} />
      <ol className="space-y-4 px-6 py-4 text-sm text-zinc-700">
        <li className="min-w-0 space-y-2">
          <p>{t('dialer.howTo.auth')}</p>
          <Code>{'Authorization: Bearer <token>'}</Code>
        </li>
        <li className="min-w-0 space-y-2">
          <p>
            <Trans
              i18nKey="dialer.howTo.endpoints"
              components={{
                code: <code dir="ltr" className="rounded bg-zinc-100 px-1 py-0.5 font-mono text-xs whitespace-nowrap text-zinc-800" />,
              }}
            />
          </p>
          <Code>{`GET  ${origin}/api/dialer/next-batch?size=100\nPOST ${origin}/api/dialer/report-result`}</Code>
        </li>
        <li className="min-w-0 space-y-2">
          <p>{t('dialer.howTo.sim')}</p>
          <Code>{`npm run dialer-sim -- --url ${origin} --token <token>`}</Code>
        </li>
      </ol>
    </Card>
  );
}
