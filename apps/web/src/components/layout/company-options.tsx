import type { CompanyResponse } from '@dialdeck/contracts/companies';

/**
 * The `<option>`s of a company selector, "Display name (slug)". With `keep`, a slug
 * that is not (or not yet) in the list still gets an option, so the select shows it.
 */
export function CompanyOptions({ companies, keep }: { companies: CompanyResponse[]; keep?: string }) {
  return (
    <>
      {keep === undefined || companies.some((c) => c.name === keep) ? null : <option value={keep}>{keep}</option>}
      {companies.map((c) => (
        <option key={c.id} value={c.name}>
          {c.display_name} ({c.name})
        </option>
      ))}
    </>
  );
}
