/** Entry point: language first, then the providers and the router. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import './i18n.ts';
import './styles.css';
import { bindNavigate } from './api/client.ts';
import './api/session.ts';
import { Providers } from './components/Providers.tsx';
import { router } from './router.tsx';

bindNavigate((to, options) => void router.navigate(to, options));

const root = document.getElementById('root');
if (!root) throw new Error('#root is missing from index.html');

createRoot(root).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);
