import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('rounded-xl border border-zinc-200 bg-white shadow-sm', className)}>{children}</div>;
}

export function CardHeader({ title, description, titleId }: { title: string; description?: string; titleId?: string }) {
  return (
    <div className="border-b border-zinc-100 px-6 py-4">
      <h2 id={titleId} className="text-base font-semibold text-zinc-900">
        {title}
      </h2>
      {description ? <p className="mt-1 text-sm text-zinc-600">{description}</p> : null}
    </div>
  );
}
