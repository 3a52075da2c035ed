/**
 * 申报方向: the tree of directions an application chooses from (at the program's direction level).
 * On a draft a selected direction can get a child, be renamed or be removed; new ones get the next
 * code of their siblings. A direction's code is how coverage and forms refer to it, so it is fixed
 * once created, and removing one that is referred to warns first.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Space, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Direction } from '../../../../src/core/programs/definition.ts';
import { useLanguage } from '../../i18n.ts';
import { EmptyState } from '../../components/QueryState.tsx';
import { addDirection, allDirectionCodes, directionAt, directionReferences, editDirection, removeDirection, setIn, suggestDirectionCode, type TreePath } from './model.ts';
import { Citation, ProblemMark, type TabProps } from './parts.tsx';

const CODE = /^[A-Za-z0-9.-]+$/;
const CITATION = /^\d{3} \S.*$/;

const keyOf = (path: TreePath) => path.join('-');
const pathOf = (key: string): TreePath => (key === '' ? [] : key.split('-').map(Number));

interface DirectionValues {
  code: string;
  name: { 'zh-CN': string; en: string };
  description?: string;
  citation?: string;
}

type Editing = { mode: 'add'; parent: TreePath } | { mode: 'edit'; path: TreePath };

export function DirectionsTab({ definition, editable, update, problems }: TabProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { modal } = App.useApp();
  const tree = (definition.directions ?? []) as Direction[];
  const level = definition.directionLevel ?? 1;
  const [selected, setSelected] = useState<TreePath | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const selectedNode = selected ? directionAt(tree, selected) : undefined;

  const toNodes = (nodes: readonly Direction[], parent: TreePath, depth: number): TreeDataNode[] =>
    nodes.map((node, index) => {
      const path = [...parent, index];
      return {
        key: keyOf(path),
        title: (
          <span className="direction-node">
            <Typography.Text className="mono direction-code">{node.code}</Typography.Text>
            <span title={language === 'en' ? node.name['zh-CN'] : node.name.en}>{node.name[language]}</span>
            {depth === level ? <Tag color="blue">{t('programs.directions.chosenLevel')}</Tag> : null}
            <Citation value={node.citation} hideEmpty />
            <ProblemMark problems={problems} prefix={`directions.${path.join('.children.')}`} />
          </span>
        ),
        children: toNodes(node.children ?? [], path, depth + 1),
      };
    });

  const remove = () => {
    if (!selected || !selectedNode) return;
    const codes = allDirectionCodes([selectedNode]);
    const refs = directionReferences(definition, codes);
    modal.confirm({
      title: t('programs.directions.removeTitle', { code: selectedNode.code, name: selectedNode.name[language] }),
      content: (
        <>
          {selectedNode.children?.length ? <p>{t('programs.directions.removeChildren', { count: allDirectionCodes(selectedNode.children).length })}</p> : null}
          {refs.length ? (
            <Alert type="warning" showIcon title={t('programs.directions.removeReferenced')} description={<span className="mono">{refs.join('、')}</span>} />
          ) : null}
        </>
      ),
      okText: t('programs.remove'),
      okButtonProps: { danger: true },
      onOk: () => {
        update((d) => setIn(d, ['directions'], removeDirection((d.directions ?? []) as Direction[], selected)));
        setSelected(null);
      },
    });
  };

  return (
    <>
      <div className="tab-toolbar">
        <Typography.Text type="secondary">{t('programs.directions.levelNote', { level })}</Typography.Text>
        {editable ? (
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'add', parent: [] })}>
              {t('programs.directions.addTop')}
            </Button>
            <Button icon={<PlusOutlined />} disabled={!selected || selected.length >= 3} onClick={() => selected && setEditing({ mode: 'add', parent: selected })}>
              {t('programs.directions.addChild')}
            </Button>
            <Button icon={<EditOutlined />} disabled={!selected} onClick={() => selected && setEditing({ mode: 'edit', path: selected })}>
              {t('programs.directions.rename')}
            </Button>
            <Button danger icon={<DeleteOutlined />} disabled={!selected} onClick={remove}>
              {t('programs.remove')}
            </Button>
          </Space>
        ) : null}
      </div>
      {tree.length === 0 ? (
        <EmptyState description={t('programs.directions.empty')} />
      ) : (
        <Tree
          className="direction-tree"
          showLine
          blockNode
          defaultExpandAll
          selectable={editable}
          selectedKeys={selected ? [keyOf(selected)] : []}
          onSelect={(keys) => setSelected(keys.length ? pathOf(String(keys[0])) : null)}
          treeData={toNodes(tree, [], 1)}
        />
      )}
      {editable && editing ? (
        <DirectionModal
          editing={editing}
          tree={tree}
          onClose={() => setEditing(null)}
          onDone={(values) => {
            const fields: Direction = {
              code: values.code.trim(),
              name: { 'zh-CN': values.name['zh-CN'].trim(), en: values.name.en.trim() },
              ...(values.description?.trim() ? { description: values.description.trim() } : {}),
              ...(values.citation?.trim() ? { citation: values.citation.trim() } : {}),
            };
            update((d) => {
              const current = (d.directions ?? []) as Direction[];
              const next = editing.mode === 'add' ? addDirection(current, editing.parent, fields) : editDirection(current, editing.path, fields);
              return setIn(d, ['directions'], next);
            });
            setEditing(null);
          }}
        />
      ) : null}
    </>
  );
}

function DirectionModal({ editing, tree, onClose, onDone }: { editing: Editing; tree: Direction[]; onClose: () => void; onDone: (values: DirectionValues) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DirectionValues>();
  const existing = editing.mode === 'edit' ? directionAt(tree, editing.path) : undefined;
  const parent = editing.mode === 'add' && editing.parent.length ? directionAt(tree, editing.parent) : undefined;
  const initial: DirectionValues = existing
    ? { code: existing.code, name: { ...existing.name }, description: existing.description ?? '', citation: existing.citation ?? '' }
    : { code: suggestDirectionCode(tree, editing.mode === 'add' ? editing.parent : []), name: { 'zh-CN': '', en: '' }, description: '', citation: '' };
  const taken = new Set(allDirectionCodes(tree));

  return (
    <Modal
      open
      title={existing ? t('programs.directions.renameTitle', { code: existing.code }) : parent ? t('programs.directions.addChildTitle', { code: parent.code }) : t('programs.directions.addTop')}
      okText={t('programs.apply')}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<DirectionValues> form={form} name="direction" layout="vertical" initialValues={initial} onFinish={onDone} className="modal-form">
        <Form.Item
          name="code"
          label={t('programs.directions.code')}
          extra={existing ? t('programs.directions.codeFixed') : undefined}
          rules={[
            { required: true, whitespace: true },
            { pattern: CODE, message: t('programs.directions.codePattern', { field: t('programs.directions.code') }) },
            {
              validator: (_rule, value: string | undefined) =>
                !value || existing || !taken.has(value.trim()) ? Promise.resolve() : Promise.reject(new Error(t('programs.directions.codeTaken', { field: t('programs.directions.code'), code: value }))),
            },
          ]}
        >
          <Input className="mono-input" disabled={Boolean(existing)} autoComplete="off" />
        </Form.Item>
        <Form.Item name={['name', 'zh-CN']} label={t('programs.basics.nameZh')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name={['name', 'en']} label={t('programs.basics.nameEn')} rules={[{ required: true, whitespace: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="description" label={t('programs.directions.description')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} />
        </Form.Item>
        <Form.Item name="citation" label={t('programs.citation')} extra={t('programs.citationHint')} rules={[{ pattern: CITATION, message: t('programs.citationPattern', { field: t('programs.citation') }) }]}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
