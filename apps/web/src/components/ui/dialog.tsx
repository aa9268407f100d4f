import { useEffect, useId, useRef, type ReactNode, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog as AriaDialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { cn } from '../../lib/cn';
import { CloseIcon } from './icons';

export interface DialogProps {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: ReactNode;
  children: ReactNode;
  size?: 'sm' | 'md' | 'lg';
  /** While true, Escape and the backdrop do not close it (e.g. a request is running). */
  busy?: boolean;
  role?: 'dialog' | 'alertdialog';
}

const widths = { sm: 'max-w-md', md: 'max-w-lg', lg: 'max-w-2xl' };

/** First focus on the `data-autofocus` control, else the first field; runs before React Aria's own, which then keeps it. */
function InitialFocus({ dialogRef }: { dialogRef: RefObject<HTMLElement | null> }) {
  useEffect(() => {
    const find = (selector: string) => dialogRef.current?.querySelector<HTMLElement>(selector);
    (find('[data-autofocus]') ?? find('input:not([type=hidden]), select, textarea'))?.focus();
  }, [dialogRef]);
  return null;
}

/** A React Aria modal: focus contained, the page behind inert, Escape closes, focus back to the opener. */
export function Dialog({ open, onClose, title, description, children, size = 'md', busy = false, role = 'dialog' }: DialogProps) {
  const ref = useRef<HTMLElement>(null);
  const descriptionId = useId();
  const { t } = useTranslation();

  return (
    <ModalOverlay
      isOpen={open}
      onOpenChange={(isOpen) => !isOpen && onClose()}
      isDismissable={!busy}
      isKeyboardDismissDisabled={busy}
      className="fixed inset-0 z-50 flex items-center justify-center bg-zinc-950/50 p-4 backdrop-blur-[1px]"
    >
      <Modal
        className={cn('dialog-in w-full overflow-hidden rounded-xl border border-zinc-200 bg-white text-zinc-900 shadow-2xl', widths[size])}
      >
        <AriaDialog
          ref={ref}
          role={role}
          aria-describedby={description ? descriptionId : undefined}
          className="flex max-h-[calc(100dvh-4rem)] flex-col outline-none"
        >
          <InitialFocus dialogRef={ref} />
          <div className="flex items-start justify-between gap-4 border-b border-zinc-100 px-6 pt-5 pb-4">
            <div className="min-w-0">
              <Heading slot="title" className="text-base font-semibold text-zinc-900">
                {title}
              </Heading>
              {description ? (
                <div id={descriptionId} className="mt-1 text-sm text-zinc-600">
                  {description}
                </div>
              ) : null}
            </div>
            <button
              type="button"
              onClick={onClose}
              disabled={busy}
              className="-me-2 -mt-1 inline-flex size-8 shrink-0 cursor-pointer items-center justify-center rounded-md text-zinc-500 hover:bg-zinc-100 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
            >
              <CloseIcon className="size-4" />
              <span className="sr-only">{t('common.close')}</span>
            </button>
          </div>
          <div className="overflow-y-auto">{children}</div>
        </AriaDialog>
      </Modal>
    </ModalOverlay>
  );
}

/** The form body and the action row of a dialog. */
export function DialogBody({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cn('px-6 py-5', className)}>{children}</div>;
}

export function DialogFooter({ children }: { children: ReactNode }) {
  return <div className="flex flex-wrap items-center justify-end gap-2 border-t border-zinc-100 bg-zinc-50/60 px-6 py-4">{children}</div>;
}
