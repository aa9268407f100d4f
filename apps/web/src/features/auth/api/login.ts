import { useMutation } from '@tanstack/react-query';
import { LoginResponse, type LoginRequest } from '@dialdeck/contracts/auth';
import { apiRequest } from '../../../lib/api-client';
import { setAccessToken } from '../../../lib/auth-token';

export function login(body: LoginRequest): Promise<LoginResponse> {
  return apiRequest('/api/auth/login', { method: 'POST', body, schema: LoginResponse });
}

export function useLogin() {
  return useMutation({
    mutationFn: login,
    onSuccess: (answer) => setAccessToken(answer.access_token),
  });
}
