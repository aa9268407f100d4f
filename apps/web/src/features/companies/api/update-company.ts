import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CompanyResponse, type UpdateCompanyRequest } from '@dialdeck/contracts/companies';
import { apiRequest } from '../../../lib/api-client';
import { meQueryOptions } from '../../../lib/session';
import { companiesKeys } from './list-companies';

export function useUpdateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: UpdateCompanyRequest }) =>
      apiRequest(`/api/companies/${id}`, { method: 'PUT', body, schema: CompanyResponse }),
    onSuccess: (company) => {
      void queryClient.invalidateQueries({ queryKey: companiesKeys.all });
      // The header shows the caller's own company name, time zone and locale.
      if (queryClient.getQueryData(meQueryOptions.queryKey)?.company.id === company.id) {
        void queryClient.invalidateQueries({ queryKey: meQueryOptions.queryKey });
      }
    },
  });
}
