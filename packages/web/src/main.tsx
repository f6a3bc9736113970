// First: must run before any shared zod schema parses.
import './zodJitless';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router';
import 'antd/dist/reset.css';
import './styles.css';
import './lifecycle.css';
import './time';
import { ApiError, setUnauthorizedHandler } from './api';
import { router } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change on retry; only transient failures are worth another try.
      retry: (failures, error) =>
        !(error instanceof ApiError && error.status >= 400 && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

setUnauthorizedHandler(() => {
  queryClient.clear();
  const { pathname, search } = window.location;
  if (pathname !== '/login') router.navigate('/login', { replace: true, state: { from: pathname + search } });
});

/** The nonce the server put in index.html, if any, so antd's injected styles satisfy its CSP. */
function cspNonce(): string | undefined {
  const content = document.querySelector('meta[name="csp-nonce"]')?.getAttribute('content');
  return content && content !== '__CSP_NONCE__' ? content : undefined;
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    {/* No space inside two-character labels (antd's "保 存"): button text then matches the plan's wording, and tests find it. */}
    <ConfigProvider locale={zhCN} csp={{ nonce: cspNonce() }} button={{ autoInsertSpace: false }}>
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
