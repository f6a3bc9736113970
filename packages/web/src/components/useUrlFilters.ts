import { useSearchParams } from 'react-router';

const DEFAULT_PAGE_SIZE = 20;

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

/**
 * List state (page, page size, filters) kept in the URL, so Back from a record
 * returns to the same page of the same search and a filtered list can be linked.
 */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const page = positiveInt(params.get('page'), 1);
  // The API caps pageSize at 100.
  const pageSize = Math.min(positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE), 100);

  /** Sets or clears ('' / undefined) the given keys, leaving the others. */
  const update = (changes: Record<string, string | number | undefined>) => {
    // Built from the address bar, not this render's params (react-router's updater sees those
    // too): two quick changes before a re-render both stick.
    const next = new URLSearchParams(window.location.search);
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') next.delete(key);
      else next.set(key, String(value));
    }
    setParams(next);
  };

  const get = (key: string): string | undefined => params.get(key) || undefined;

  /** Table pagination wired to the URL; a new page size starts again at page 1. */
  const pagination = (total: number, unit: string) => ({
    current: page,
    pageSize,
    total,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (count: number) => `共 ${count} ${unit}`,
    onChange: (nextPage: number, nextSize: number) =>
      update({
        page: nextSize === pageSize ? nextPage : undefined,
        pageSize: nextSize === DEFAULT_PAGE_SIZE ? undefined : nextSize,
      }),
  });

  return { page, pageSize, get, update, pagination };
}
