/**
 * The filter bar above a list: its filters on the left, clearing them and refreshing on the right;
 * and the filters themselves, bound to the URL with useListParams' `filterProps(name)`.
 */
import type { ReactNode } from 'react';
import { Button, Input, Select, Space, type SelectProps } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface ListActionsProps {
  /** Whether any filter is set: only then is there something to clear. */
  filtered: boolean;
  onClear: () => void;
  onRefresh: () => void;
}

/**
 * "清除筛选" while a filter is set, then the refresh button, after any buttons of its own (a filter
 * form that lays itself out puts its search button here).
 */
export function ListActions({ filtered, onClear, onRefresh, children }: ListActionsProps & { children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Space>
      {children}
      {filtered ? <Button onClick={onClear}>{t('common.clearFilters')}</Button> : null}
      <Button icon={<ReloadOutlined />} onClick={onRefresh} aria-label={t('common.refresh')} />
    </Space>
  );
}

export function ListToolbar({ children, ...actions }: ListActionsProps & { children: ReactNode }) {
  return (
    <div className="toolbar">
      <Space wrap>{children}</Space>
      <ListActions {...actions} />
    </div>
  );
}

/** One filter's value from the URL and how to change it (useListParams' `filterProps`). */
export interface FilterBinding {
  value: string | undefined;
  onChange: (value: string | undefined) => void;
}

/** Free-text search, applied on Enter or the search button (not on every keystroke). */
export function SearchFilter({ id, placeholder, value, onChange }: FilterBinding & { id: string; placeholder: string }) {
  return (
    <Input.Search
      // remounted when the URL's value changes (cleared, or set by a link) so the box shows it
      key={value ?? ''}
      id={id}
      allowClear
      defaultValue={value}
      placeholder={placeholder}
      onSearch={(text) => onChange(text.trim() || undefined)}
      className="toolbar-search"
    />
  );
}

/** A choice among fixed options; clearing it drops the filter. */
export function SelectFilter({
  id,
  placeholder,
  options,
  narrow = false,
  value,
  onChange,
}: FilterBinding & { id: string; placeholder: string; options: SelectProps['options']; narrow?: boolean }) {
  return (
    <Select
      id={id}
      allowClear
      placeholder={placeholder}
      value={value}
      onChange={(chosen: string | undefined) => onChange(chosen)}
      options={options}
      className={narrow ? 'toolbar-select-sm' : 'toolbar-select'}
    />
  );
}
