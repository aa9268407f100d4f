import type { ComponentType, SVGProps } from 'react';
import { Button, type ButtonProps } from '../ui/button';

export interface RowActionButtonProps extends Omit<ButtonProps, 'variant' | 'size' | 'icon'> {
  icon: ComponentType<SVGProps<SVGSVGElement>>;
  /** Red, for an action that removes the row. */
  danger?: boolean;
  /** Names the row as well as the action (e.g. "Edit acme"), for screen readers. */
  'aria-label': string;
}

/** A small icon-and-word button in a table's actions cell. */
export function RowActionButton({ icon: Icon, danger = false, ...props }: RowActionButtonProps) {
  return <Button variant={danger ? 'danger-ghost' : 'ghost'} size="sm" icon={<Icon className="size-3.5" />} {...props} />;
}
