/** Pick an organization by typing part of its name, code or credit code (searched on the server). */
import { useEffect, useMemo, useState, type CSSProperties } from 'react';
import { Select, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Page } from '../../../contracts/common.ts';
import type { Organization } from '../../../contracts/organizations.ts';
import type { OrganizationKind } from '../../../src/core/roles.ts';
import { api } from '../api/client.ts';
import { useOrganization } from '../pages/organizations/data.ts';

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export function OrganizationSelect({
  value,
  onChange,
  kinds,
  id,
  placeholder,
  allowClear,
  style,
}: {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  /** Only these kinds may be chosen (e.g. the kinds a role may belong to). */
  kinds?: readonly OrganizationKind[];
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const kind = kinds?.length === 1 ? kinds[0] : undefined;
  const results = useQuery({
    queryKey: ['organizations', 'pick', q, kind],
    queryFn: ({ signal }) => api.get<Page<Organization>>('/api/organizations', { q, kind, pageSize: 20, sort: 'name' }, signal),
    meta: { secondary: true },
    staleTime: 60_000,
  });
  const found = results.data?.items.some((o) => o.id === value) ?? false;
  // A chosen organization not among the results (e.g. from the address bar) still shows its name.
  const chosen = useOrganization(value && !found ? value : null, { secondary: true });

  const options = useMemo(() => {
    const items = [...(results.data?.items ?? [])];
    if (chosen.data && !items.some((o) => o.id === chosen.data.id)) items.unshift(chosen.data);
    return items
      .filter((o) => !kinds || kinds.includes(o.kind))
      .map((o) => ({
        value: o.id,
        label: o.name,
        title: [...o.ancestors, o.name].join(' / '),
        description: o.ancestors.join(' / ') || o.code,
      }));
  }, [results.data, chosen.data, kinds]);

  return (
    <Select
      id={id}
      value={value}
      onChange={(next: string | undefined) => onChange?.(next)}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      placeholder={placeholder ?? t('organization.pickPlaceholder')}
      allowClear={allowClear}
      style={style}
      notFoundContent={results.isFetching ? <Spin size="small" /> : t('states.noMatch')}
      options={options}
      optionRender={(option) => (
        <div className="org-option">
          <span>{option.data.label}</span>
          <Typography.Text type="secondary" className="org-option-path">
            {option.data.description}
          </Typography.Text>
        </div>
      )}
      popupMatchSelectWidth={false}
      onOpenChange={(open) => {
        if (!open) setSearch('');
      }}
    />
  );
}
