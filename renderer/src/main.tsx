import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { getBridge } from './api/bridge.js';
import { BridgeProvider } from './query/BridgeProvider.js';
import { createQueryClient } from './query/client.js';
import { ScopeProvider } from './query/scope.js';
import { seedFromPrefetch } from './query/seedFromPrefetch.js';
import './styles.css';

const client = createQueryClient();

void seedFromPrefetch(client).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={client}>
        <BridgeProvider bridge={getBridge()}>
          <ScopeProvider>
            <App />
          </ScopeProvider>
        </BridgeProvider>
      </QueryClientProvider>
    </StrictMode>,
  ),
);
