import type { TFunction } from 'i18next';

/** The submit button of a create-or-edit form, while idle and while the request runs. */
export function saveLabel(kind: 'create' | 'edit', pending: boolean, t: TFunction): string {
  if (kind === 'create') return pending ? t('common.creating') : t('common.create');
  return pending ? t('common.saving') : t('common.saveChanges');
}
