import { useCompanyOptions } from './company-options';
import { useMe } from './session';

/**
 * Which company a page shows. Only a superuser may look at another company
 * (`?company=<slug>`); for anyone else, or for their own company, `slug` is
 * undefined and requests go to the caller's own company.
 */
export function useCompanyScope(requested: string | undefined) {
  const me = useMe();
  const slug = me.is_superuser && requested && requested !== me.company.name ? requested : undefined;
  const companies = useCompanyOptions(me.is_superuser);
  const selected = slug ? companies.data?.items.find((c) => c.name === slug) : undefined;
  const label = selected?.display_name ?? slug ?? me.company.display_name;
  /** The search value for a company picked in the selector: none for one's own. */
  const searchValue = (picked: string) => (picked === me.company.name ? undefined : picked);
  return { me, slug, companies, selected, label, searchValue };
}
