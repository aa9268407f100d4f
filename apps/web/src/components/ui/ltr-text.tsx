import type { ReactNode } from 'react';
import { cn } from '../../lib/cn';

/** Phone numbers, usernames and codes read left to right even inside RTL text. */
export function LtrText({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <span dir="ltr" className={cn('inline-block', className)}>
      {children}
    </span>
  );
}
