// The renderer's entry: one QueryClient for all server state, then the app.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { OpdError } from './opd.js';
import './styles/base.css';
import './styles/issue.css';
import './styles/board.css';
import './styles/doctors.css';
import './styles/reports.css';
import './styles/room.css';
import './styles/display.css';
import './styles/print.css';

const TRANSIENT = new Set(['UNAVAILABLE', 'DEADLINE_EXCEEDED']);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // Reads are retried only when the service was briefly out of reach.
      retry: (failures, error) =>
        failures < 2 && error instanceof OpdError && TRANSIENT.has(error.detail.code),
      refetchOnWindowFocus: false,
      staleTime: 10_000,
    },
    // Mutations are never retried behind staff's back; they see the sentence and decide.
    mutations: { retry: false },
  },
});

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
