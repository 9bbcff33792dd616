import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiCookieAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { Response } from 'express';
import { NotFoundError } from '../shared/domain-error';
import { StaffAuthGuard } from '../staff/staff-auth.guard';
import { NOTIFICATION_KINDS, type NotificationKind } from './notification.entity';
import { renderEmail } from './templates/render-email';
import { SAMPLE_MODELS } from './templates/samples';

class PreviewQuery {
  @IsOptional()
  @IsIn(['de', 'en'])
  locale?: 'de' | 'en';

  @IsOptional()
  @IsIn(['html', 'text'])
  format?: 'html' | 'text';
}

/** Staff see every email as it will look, with made-up sample data, in both languages. */
@ApiTags('staff')
@ApiCookieAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/notifications/templates')
export class EmailTemplatePreviewsController {
  @Get()
  list(): { kind: NotificationKind; preview: { de: string; en: string } }[] {
    return NOTIFICATION_KINDS.map((kind) => ({
      kind,
      preview: {
        de: `/api/staff/notifications/templates/${kind}/preview?locale=de`,
        en: `/api/staff/notifications/templates/${kind}/preview?locale=en`,
      },
    }));
  }

  @Get(':kind/preview')
  @ApiProduces('text/html', 'text/plain')
  preview(@Param('kind') kind: string, @Query() query: PreviewQuery, @Res() response: Response): void {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      throw new NotFoundError('email template', kind);
    }
    const typed = kind as NotificationKind;
    const email = renderEmail(typed, query.locale ?? 'de', SAMPLE_MODELS[typed]);
    response
      .status(200)
      .set({
        'Content-Type': `${query.format === 'text' ? 'text/plain' : 'text/html'}; charset=utf-8`,
        'Cache-Control': 'no-store',
        'X-Email-Subject': encodeURIComponent(email.subject),
      })
      .send(query.format === 'text' ? `Betreff / Subject: ${email.subject}\n\n${email.text}` : email.html);
  }
}
