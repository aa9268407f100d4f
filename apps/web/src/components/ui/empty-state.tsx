import type { ReactNode } from 'react';

export function EmptyState({ icon, title, body, action }: { icon?: ReactNode; title: string; body?: string; action?: ReactNode }) {
  return (
    <div className="flex flex-col items-center justify-center gap-2 px-6 py-14 text-center">
      {icon ? (
        <div className="mb-1 flex size-12 items-center justify-center rounded-full bg-zinc-100 text-2xl text-zinc-500">{icon}</div>
      ) : null}
      <p className="text-base font-semibold text-zinc-900">{title}</p>
      {body ? <p className="max-w-sm text-sm text-zinc-600">{body}</p> : null}
      {action ? <div className="mt-3">{action}</div> : null}
    </div>
  );
}
