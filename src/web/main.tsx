import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { setUpI18n } from './app/i18n/index.ts';
import { App } from './app/App.tsx';
import './app/global.css';

setUpI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html lacks #root');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
