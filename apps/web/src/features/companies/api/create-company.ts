import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CompanyResponse, type CreateCompanyRequest } from '@dialdeck/contracts/companies';
import { apiRequest } from '../../../lib/api-client';
import { companiesKeys } from './list-companies';

export function useCreateCompany() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCompanyRequest) => apiRequest('/api/companies', { method: 'POST', body, schema: CompanyResponse }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companiesKeys.all }),
  });
}
