import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { API_TAGS, ApiDoc, ApiStaffAuth, ApiStaffErrors } from '../../common/api-docs';
import { IsIn, IsOptional } from 'class-validator';
import { localesFor } from '../../i18n';
import type { Response } from 'express';
import { NotFoundError } from '../../shared/domain-error';
import { StaffAuthGuard } from '../../staff/staff-auth.guard';
import { NOTIFICATION_KINDS, type NotificationKind } from '../../notifications/domain/notification-kinds';
import { sendHtml } from '../shell/send-html';
import { emailAudience, renderEmail } from './render-email';
import { SAMPLE_MODELS } from './samples';

class PreviewQuery {
  /** Any language the email may be written in: staff emails fall back to German outside de/en. */
  @ApiPropertyOptional({ enum: localesFor('public').map((info) => info.locale), default: 'de' })
  @IsOptional()
  @IsIn(localesFor('public').map((info) => info.locale))
  locale?: string;

  @IsOptional()
  @ApiPropertyOptional({ enum: ['html', 'text'], default: 'html' })
  @IsIn(['html', 'text'])
  format?: 'html' | 'text';
}

class EmailTemplateDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  kind: NotificationKind;

  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'the preview’s path per language the email is sent in',
  })
  preview: Record<string, string>;
}

/** Staff see every email as it will look, with made-up sample data, in each language it is sent in. */
@ApiTags(API_TAGS.staff)
@ApiStaffAuth()
@UseGuards(StaffAuthGuard)
@Controller('api/staff/notifications/templates')
export class EmailTemplatePreviewsController {
  @Get()
  @ApiDoc(
    'List the email templates',
    'Every email nahbar sends, with a preview link per language it is sent in.',
  )
  @ApiOkResponse({ type: [EmailTemplateDto] })
  @ApiStaffErrors()
  list(): { kind: NotificationKind; preview: Record<string, string> }[] {
    return NOTIFICATION_KINDS.map((kind) => ({
      kind,
      preview: Object.fromEntries(
        localesFor(emailAudience(kind)).map((info) => [
          info.locale,
          `/api/staff/notifications/templates/${kind}/preview?locale=${info.locale}`,
        ]),
      ),
    }));
  }

  @Get(':kind/preview')
  @ApiDoc(
    'Preview an email',
    'One email as it will look, filled with made-up sample data, in the language asked for; HTML, or the plain-text part with `format=text`. The subject is in the `X-Email-Subject` header.',
  )
  @ApiOkResponse({
    description: 'the email',
    content: { 'text/html': { schema: { type: 'string' } }, 'text/plain': { schema: { type: 'string' } } },
  })
  @ApiStaffErrors(404)
  preview(@Param('kind') kind: string, @Query() query: PreviewQuery, @Res() response: Response): void {
    if (!(NOTIFICATION_KINDS as readonly string[]).includes(kind)) {
      throw new NotFoundError('email template', kind);
    }
    const typed = kind as NotificationKind;
    const email = renderEmail(typed, query.locale ?? 'de', SAMPLE_MODELS[typed]);
    response.set('X-Email-Subject', encodeURIComponent(email.subject));
    if (query.format === 'text') {
      response
        .status(200)
        .set({ 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
        .send(`Betreff / Subject: ${email.subject}\n\n${email.text}`);
      return;
    }
    sendHtml(response, 200, email.html);
  }
}
