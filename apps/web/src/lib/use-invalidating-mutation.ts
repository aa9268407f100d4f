import { useMutation, useQueryClient, type QueryKey, type UseMutationOptions } from '@tanstack/react-query';

/**
 * A mutation after which the queries under a key are fetched again. The invalidation's
 * promise is returned from onSuccess, so the mutation settles once the fresh data is in.
 */
export function useInvalidatingMutation<TData, TVars>(
  mutationFn: (vars: TVars) => Promise<TData>,
  invalidates: QueryKey | ((vars: TVars) => QueryKey),
  options: Omit<UseMutationOptions<TData, Error, TVars>, 'mutationFn' | 'onSuccess'> = {},
) {
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationFn,
    onSuccess: (_data, vars) =>
      queryClient.invalidateQueries({ queryKey: typeof invalidates === 'function' ? invalidates(vars) : invalidates }),
  });
}
