import { Alert, Button } from 'antd';
import { ApiError } from '../api';
import { NotFound } from './NotFound';

/** How a page shows a failed load: 404 as the not-found page, anything else as a retryable alert. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 404) return <NotFound record />;
  const message = error instanceof ApiError ? error.message : '加载失败，请稍后再试';
  return (
    <Alert
      type="error"
      showIcon
      title={message}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
    />
  );
}
