import { useRef, useState } from 'react';
import { App, Button } from 'antd';
import { CameraOutlined, DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { shrinkPhoto } from './photo.ts';

/** A form field holding a photo as base64: the phone's camera or a file, scaled down before it is kept. */
export function PhotoField({ value, onChange }: { value?: string; onChange?: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const input = useRef<HTMLInputElement>(null);
  const [preview, setPreview] = useState<string | null>(null);

  const choose = async (file: File | undefined) => {
    if (!file) return;
    try {
      const photo = await shrinkPhoto(file);
      setPreview(photo.preview);
      onChange?.(photo.base64);
    } catch {
      message.error(t('frontline.capture.photoUnreadable'));
    } finally {
      if (input.current) input.current.value = '';
    }
  };
  const clear = () => {
    setPreview(null);
    onChange?.(undefined);
  };

  return (
    <>
      <input ref={input} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" style={{ display: 'none' }} onChange={(e) => void choose(e.target.files?.[0])} data-testid="photo-input" />
      {value && preview ? (
        <div className="frontline-photo">
          <img src={preview} alt="" />
          <Button icon={<DeleteOutlined />} onClick={clear}>
            {t('frontline.capture.removePhoto')}
          </Button>
        </div>
      ) : (
        <Button icon={<CameraOutlined />} onClick={() => input.current?.click()} block>
          {t('frontline.capture.addPhoto')}
        </Button>
      )}
    </>
  );
}
