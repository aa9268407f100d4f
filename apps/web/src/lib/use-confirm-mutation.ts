import type { UseMutationResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorMessage } from './form-errors';

export interface ConfirmMutationOptions<Item> {
  onClose: () => void;
  /** After the mutation succeeded for `item`; the dialog is closed by the caller. */
  onDone: (item: Item) => void;
}

/**
 * Wires a mutation to a ConfirmDialog asking about one item: its pending state and
 * error, a close that is refused while the request runs and forgets a past error,
 * and a confirm that runs the mutation for the item. Spread the result into the dialog.
 */
export function useConfirmMutation<Item, TVars>(
  mutation: UseMutationResult<unknown, Error, TVars>,
  item: Item | null,
  variables: (item: Item) => TVars,
  { onClose, onDone }: ConfirmMutationOptions<Item>,
) {
  const { t } = useTranslation();
  return {
    pending: mutation.isPending,
    error: mutation.error ? errorMessage(mutation.error, t) : null,
    onClose: () => {
      if (mutation.isPending) return;
      mutation.reset();
      onClose();
    },
    onConfirm: () => {
      if (item === null) return;
      mutation.mutate(variables(item), {
        onSuccess: () => {
          mutation.reset();
          onDone(item);
        },
      });
    },
  };
}
