import { Alert, App as AntApp, Avatar, Button, Empty, Flex, Input, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../shared/api/use-error-message.ts';
import { useIdeaDates } from './IdeaDates.ts';
import { commentOnIdea, type IdeaDetail } from './recognition.api.ts';

/** The conversation under an idea, oldest first, and a box to add to it. */
export function IdeaComments({ idea, onChanged }: { idea: IdeaDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = AntApp.useApp();
  const errorMessage = useErrorMessage();
  const dates = useIdeaDates();
  const [text, setText] = useState('');
  const [isSaving, setIsSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const send = async () => {
    setIsSaving(true);
    setError(null);
    try {
      await commentOnIdea(idea.id, text.trim());
      setText('');
      message.success(t('recognition.ideas.detail.commented'));
      onChanged();
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <div>
      {idea.commentList.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('recognition.ideas.detail.noComments')} className="idea-comments__empty" />
      ) : (
        <ol className="idea-comments">
          {idea.commentList.map((c) => {
            const name = c.authorName ?? t('recognition.ideas.partner');
            return (
              <li key={c.id} className="idea-comment" data-testid="idea-comment">
                <Avatar size="small" className="idea-comment__avatar">
                  {name.slice(0, 1)}
                </Avatar>
                <div className="idea-comment__main">
                  <Flex gap={8} align="baseline" wrap>
                    <Typography.Text strong>{name}</Typography.Text>
                    <Tooltip title={dates.dateTime(c.createdAt)}>
                      <Typography.Text type="secondary" className="idea-comment__when">
                        {dates.fromNow(c.createdAt)}
                      </Typography.Text>
                    </Tooltip>
                  </Flex>
                  <div className="idea-comment__body">{c.body}</div>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {error && <Alert type="error" showIcon title={error} className="idea-review__alert" />}
      <Flex vertical gap={8} className="idea-comments__form">
        <Input.TextArea
          value={text}
          onChange={(event) => setText(event.target.value)}
          autoSize={{ minRows: 2, maxRows: 6 }}
          maxLength={2000}
          placeholder={t('recognition.ideas.detail.commentPlaceholder')}
          aria-label={t('recognition.ideas.detail.commentPlaceholder')}
          disabled={isSaving}
          data-testid="idea-comment-input"
        />
        <Button type="primary" className="idea-comments__send" disabled={!text.trim()} loading={isSaving} onClick={() => void send()}>
          {t('recognition.ideas.detail.addComment')}
        </Button>
      </Flex>
    </div>
  );
}
