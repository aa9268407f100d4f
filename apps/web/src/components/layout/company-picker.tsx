import { useTranslation } from 'react-i18next';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { CompactSelect } from '../ui/form-field';
import { CompanyOptions } from './company-options';

export interface CompanyPickerProps {
  companies: CompanyResponse[];
  /** The selected company's slug. */
  value: string;
  onChange: (slug: string) => void;
  /** The visible and accessible name; "Company" unless given. */
  label?: string;
  /** Give a slug missing from the list an option of its own (on by default). */
  keepUnknown?: boolean;
}

/** A superuser's "act on this company" selector (company=<slug>). */
export function CompanyPicker({ companies, value, onChange, label, keepUnknown = true }: CompanyPickerProps) {
  const { t } = useTranslation();
  const name = label ?? t('common.company');
  return (
    <div className="flex items-center gap-2">
      <span aria-hidden="true" className="text-sm text-zinc-500">
        {name}
      </span>
      <CompactSelect label={name} value={value} onChange={(e) => onChange(e.target.value)} className="max-w-xs">
        <CompanyOptions companies={companies} keep={keepUnknown ? value : undefined} />
      </CompactSelect>
    </div>
  );
}
