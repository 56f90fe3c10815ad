import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { getBridge } from './api/bridge.js';
import { BridgeProvider } from './query/BridgeProvider.js';
import { createQueryClient } from './query/client.js';
import './styles.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={createQueryClient()}>
      <BridgeProvider bridge={getBridge()}>
        <App />
      </BridgeProvider>
    </QueryClientProvider>
  </StrictMode>,
);
