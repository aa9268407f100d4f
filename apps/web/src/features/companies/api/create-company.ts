import { CompanyResponse, type CreateCompanyRequest } from '@dialdeck/contracts/companies';
import { apiRequest } from '../../../lib/api-client';
import { useInvalidatingMutation } from '../../../lib/use-invalidating-mutation';
import { companiesKeys } from './list-companies';

export function useCreateCompany() {
  return useInvalidatingMutation(
    (body: CreateCompanyRequest) => apiRequest('/api/companies', { method: 'POST', body, schema: CompanyResponse }),
    companiesKeys.all,
  );
}
