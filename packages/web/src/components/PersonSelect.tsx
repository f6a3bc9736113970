import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api';

/** A person already known to the page (e.g. from a saved return), so the select can name it without a lookup. */
export interface KnownPerson {
  id: string;
  name: string;
  idNumberMasked?: string;
  /** Present when the person came from a search (PersonSummary): the intake form defaults the village from it. */
  householdOrgUnitId?: string;
}

interface Props {
  value?: string;
  onChange?: (value: string | undefined, person?: KnownPerson) => void;
  known?: readonly KnownPerson[];
  disabled?: boolean;
  testId?: string;
  placeholder?: string;
}

function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

const label = (person: KnownPerson) =>
  person.idNumberMasked ? `${person.name}（${person.idNumberMasked}）` : person.name;

/** Picks a person in scope by name or full ID number (GET /api/persons?q=). */
export function PersonSelect({ value, onChange, known = [], disabled, testId, placeholder }: Props) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const query = useQuery({
    queryKey: ['persons', { page: 1, pageSize: 20, q }],
    queryFn: ({ signal }) => api.persons({ page: 1, pageSize: 20, q }, signal),
    enabled: q.length > 0,
    staleTime: 30_000,
  });
  const [picked, setPicked] = useState<KnownPerson[]>([]);

  const people = useMemo(() => {
    const byId = new Map<string, KnownPerson>();
    for (const person of [...known, ...picked, ...(query.data?.items ?? [])]) byId.set(person.id, person);
    return byId;
  }, [known, picked, query.data]);

  return (
    <Select
      value={value}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      allowClear
      placeholder={placeholder ?? '输入姓名或完整身份证号搜索'}
      loading={query.isFetching}
      notFoundContent={q ? (query.isFetching ? '搜索中…' : '未找到，请先在人员档案中新增') : '请输入姓名或身份证号'}
      options={[...people.values()].map((person) => ({ value: person.id, label: label(person) }))}
      onChange={(id: string | undefined) => {
        const person = id ? people.get(id) : undefined;
        if (person) setPicked((list) => [...list.filter((item) => item.id !== person.id), person]);
        setSearch('');
        onChange?.(id, person);
      }}
      data-testid={testId}
    />
  );
}
