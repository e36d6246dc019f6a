import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { RouterProvider } from 'react-router';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../lib/api.ts';
import { sessionKey } from '../features/auth/api.ts';
import { createRouter } from './router.tsx';
import { theme } from './theme.ts';

function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 0,
        // Client errors (4xx) will not change on retry; network and server errors may.
        retry: (count, error) => !(error instanceof ApiError && error.status >= 400 && error.status < 500) && count < 2,
      },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(createRouter);

  useEffect(() => {
    // A 401 on any call means the session ended: forget it, and the routes send the user to /login.
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      queryClient.setQueryData(sessionKey, null);
    });
    return () => setUnauthenticatedHandler(null);
  }, [queryClient]);

  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
