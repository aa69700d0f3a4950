import QRCode from 'qrcode';
import { IdParamsSchema } from '../../../contracts/common.ts';
import { QrQuerySchema } from '../../../contracts/surveys.ts';
import type { AppContext } from '../../platform/context.ts';
import { actorOf } from '../../platform/http/authenticate.ts';
import type { HttpApp } from '../../platform/http/app.ts';
import { getQrLink, linkUrl } from './links.service.ts';

// Medium error correction survives a scuffed sticker; four modules of quiet zone is what scanners expect.
const QR_OPTIONS = { errorCorrectionLevel: 'M', margin: 4 } as const;

/** A QR code of `url` as a scalable SVG (for print). */
export function renderQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { ...QR_OPTIONS, type: 'svg' });
}

/** A QR code of `url` as a PNG `size` pixels wide (for screens and chat apps). */
export function renderQrPng(url: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { ...QR_OPTIONS, type: 'png', width: size });
}

/**
 * `GET /api/v1/surveys/:id/qr.svg|png?unitId=&touchpoint=`: the QR code of the
 * survey's reusable anonymous link for that unit and touchpoint, to print for a
 * store's counter. The same unit and touchpoint always get the same link.
 */
export function registerQrRoutes(app: HttpApp, ctx: AppContext): void {
  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/api/v1/surveys/:id/qr.${format}`,
      { schema: { tags: ['surveys'], params: IdParamsSchema, querystring: QrQuerySchema } },
      async (req, reply) => {
        const link = await getQrLink(ctx, actorOf(req), req.params.id, req.query);
        const url = linkUrl(ctx, `${req.protocol}://${req.host}`, link.token);
        const body = format === 'svg' ? await renderQrSvg(url) : await renderQrPng(url, req.query.size);
        return reply
          .type(format === 'svg' ? 'image/svg+xml' : 'image/png')
          .header('cache-control', 'private, max-age=3600')
          .header('content-disposition', `inline; filename="survey-qr.${format}"`)
          .send(body);
      },
    );
  }
}
