import { useTranslation } from 'react-i18next';
import type { CompanyResponse } from '@dialdeck/contracts/companies';
import { CompactSelect } from '../ui/form-field';

export interface CompanyPickerProps {
  companies: CompanyResponse[];
  /** The selected company's slug. */
  value: string;
  onChange: (slug: string) => void;
}

/** A superuser's "act on this company" selector (company=<slug>), for pages that have no toolbar of their own. */
export function CompanyPicker({ companies, value, onChange }: CompanyPickerProps) {
  const { t } = useTranslation();
  return (
    <div className="flex items-center gap-2">
      <span aria-hidden="true" className="text-sm text-zinc-500">
        {t('common.company')}
      </span>
      <CompactSelect label={t('common.company')} value={value} onChange={(e) => onChange(e.target.value)} className="max-w-xs">
        {companies.some((c) => c.name === value) ? null : <option value={value}>{value}</option>}
        {companies.map((c) => (
          <option key={c.id} value={c.name}>
            {c.display_name} ({c.name})
          </option>
        ))}
      </CompactSelect>
    </div>
  );
}
