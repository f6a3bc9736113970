import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import {
  ARCHIVE_KIND_LABELS,
  ARCHIVE_KINDS,
  type ArchiveKind,
  type CaseDocument,
  DOCUMENT_MAX_BYTES,
  UPLOAD_ACCEPT,
} from '@anxin/shared';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, type TableColumnsType, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api } from '../../api';
import { errorMessage } from '../../components/forms';
import { QueryError } from '../../components/QueryError';
import { formatDateTime } from '../../time';

interface Slot {
  archiveKind: ArchiveKind;
  label: string;
  files: CaseDocument[];
}

function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** 档案材料: the eight archive kinds of the plan (§四(二)1) as slots, each with its files. */
export function CaseDocumentsCard({ caseId, canUpload }: { caseId: string; canUpload: boolean }) {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState<ArchiveKind | null>(null);
  const query = useQuery({
    queryKey: ['case-documents', caseId],
    queryFn: ({ signal }) => api.documents(caseId, signal),
  });

  const upload = async (kind: ArchiveKind, file: File) => {
    if (file.size > DOCUMENT_MAX_BYTES) {
      message.error(`文件过大：单个文件不超过 ${fileSize(DOCUMENT_MAX_BYTES)}`);
      return;
    }
    setUploading(kind);
    try {
      await api.uploadDocument(caseId, kind, file);
      await queryClient.invalidateQueries({ queryKey: ['case-documents', caseId] });
      message.success(`已上传：${file.name}`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setUploading(null);
    }
  };

  const labels = new Map(query.data?.slots.map((slot) => [slot.archiveKind, slot.label]));
  const slots: Slot[] = ARCHIVE_KINDS.map((kind) => ({
    archiveKind: kind,
    label: labels.get(kind) ?? ARCHIVE_KIND_LABELS[kind],
    files: (query.data?.items ?? []).filter((file) => file.archiveKind === kind),
  }));

  const columns: TableColumnsType<Slot> = [
    { title: '材料类别', dataIndex: 'label', width: 220 },
    {
      title: '文件',
      key: 'files',
      render: (_, slot) =>
        slot.files.length === 0 ? (
          <span className="muted">暂无</span>
        ) : (
          <ul className="plain-list">
            {slot.files.map((file) => (
              <li key={file.id}>
                <a href={api.documentUrl(file.id)} download={file.fileName} data-testid="document-download">
                  <DownloadOutlined /> {file.fileName}
                </a>
                <Typography.Text type="secondary" className="file-meta">
                  {fileSize(file.size)} · {file.uploadedByName} · {formatDateTime(file.createdAt)}
                </Typography.Text>
              </li>
            ))}
          </ul>
        ),
    },
  ];
  // The list says whether this archive takes uploads; until it answers, the case's own ability decides.
  if (query.data?.abilities.upload ?? canUpload) {
    columns.push({
      title: '上传',
      key: 'upload',
      width: 100,
      render: (_, slot) => (
        <Upload
          showUploadList={false}
          multiple={false}
          accept={UPLOAD_ACCEPT}
          beforeUpload={(file) => {
            void upload(slot.archiveKind, file);
            // The upload goes through our API client, not antd's XHR.
            return false;
          }}
        >
          <Button
            size="small"
            icon={<UploadOutlined />}
            loading={uploading === slot.archiveKind}
            disabled={uploading !== null}
            data-testid={`document-upload-${slot.archiveKind}`}
          >
            上传
          </Button>
        </Upload>
      ),
    });
  }

  return (
    <Card title="档案材料（一人一档）" className="section-card">
      {query.error ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : (
        <Space orientation="vertical" className="full-width">
          <Typography.Text type="secondary">
            支持 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx），单个文件不超过 {fileSize(DOCUMENT_MAX_BYTES)}。
          </Typography.Text>
          <Table<Slot>
            rowKey="archiveKind"
            size="small"
            columns={columns}
            dataSource={slots}
            loading={query.isFetching}
            pagination={false}
            scroll={{ x: 'max-content' }}
            data-testid="case-documents"
          />
        </Space>
      )}
    </Card>
  );
}
