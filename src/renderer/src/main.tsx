import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { rendererApi } from './api';
import { App } from './app';
import { connectBackend } from './store/connect-backend';
import { useAppStore } from './store';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

connectBackend(rendererApi()).catch((error: unknown) => {
  useAppStore.getState().setBackendProblem(error instanceof Error ? error.message : 'Countersign could not reach its backend.');
});
