import {
  createParamDecorator,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { of, type Observable } from 'rxjs';
import type { Translator } from '../../i18n';
import type { Provider } from '../../providers/provider.entity';
import { AgencyProfileService } from '../../settings/agency-profile.service';
import { linkTranslator } from '../links/link-locale';
import { sendHostRefusal } from './host-answers';
import { HostPageService } from './host-page.service';

/** The provider a host page's link (`:token`) belongs to, and the page's language. */
export interface HostLinkHolder {
  provider: Provider;
  t: Translator;
}

type HostLinkRequest = Request & { hostLink?: HostLinkHolder };

/**
 * The one preamble of every `/host/:token/…` route: resolves the token's provider before the
 * route runs, or answers with the page that says why not (404 unknown, 410 expired or revoked)
 * and runs nothing. The route reads the provider with `@HostLink()`.
 */
@Injectable()
export class HostLinkInterceptor implements NestInterceptor {
  constructor(
    private readonly host: HostPageService,
    private readonly agencyProfile: AgencyProfileService,
  ) {}

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = context.switchToHttp();
    const request = http.getRequest<HostLinkRequest>();
    const access = await this.host.access(String(request.params.token), new Date());
    if (access.kind !== 'ok') {
      sendHostRefusal(request, http.getResponse<Response>(), access, await this.agencyProfile.get());
      return of(undefined);
    }
    request.hostLink = { provider: access.provider, t: linkTranslator(request, access.provider.locale) };
    return next.handle();
  }
}

export const HostLink = createParamDecorator((_data: unknown, context: ExecutionContext): HostLinkHolder => {
  const holder = context.switchToHttp().getRequest<HostLinkRequest>().hostLink;
  if (!holder) {
    throw new Error('@HostLink() needs the HostLinkInterceptor on its route');
  }
  return holder;
});
