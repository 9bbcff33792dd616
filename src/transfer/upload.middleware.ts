import { BadRequestException, Injectable, NestMiddleware, PayloadTooLargeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { MAX_IMPORT_BYTES } from './transfer.service';

/** The part of multer (a dependency of @nestjs/platform-express, without bundled types) used here. */
interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}
type Multer = ((options: {
  storage: unknown;
  limits: { fileSize: number; files: number; fields: number; fieldSize: number };
}) => {
  single(field: string): (request: Request, response: Response, done: (error?: unknown) => void) => void;
}) & {
  memoryStorage(): unknown;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const multer = require('multer') as Multer;

export type UploadRequest = Request & { file?: UploadedFile; uploadError?: 'too-large' | 'malformed' };

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20, fieldSize: 64 * 1024 },
}).single('file');

/**
 * The import's file upload (multipart/form-data, field `file`), parsed before the guards so the
 * console's CSRF field in the same form is seen. Errors are left for the controller to answer as
 * 413/400 in the usual shape.
 */
@Injectable()
export class ImportUploadMiddleware implements NestMiddleware {
  use(request: UploadRequest, response: Response, next: NextFunction): void {
    if (!request.is('multipart/form-data')) {
      next();
      return;
    }
    upload(request, response, (error: unknown) => {
      if (error) {
        request.uploadError =
          (error as { code?: string }).code === 'LIMIT_FILE_SIZE' ? 'too-large' : 'malformed';
        request.body = (request.body as unknown) ?? {};
      }
      next();
    });
  }
}

/** Checks the multipart upload the middleware parsed: too large, malformed or missing file → 4xx. */
export function uploadedFile(request: UploadRequest): {
  content: Buffer | undefined;
  filename: string | undefined;
} {
  if (request.uploadError === 'too-large') {
    throw new PayloadTooLargeException('The file is larger than 25 MB.');
  }
  if (request.uploadError === 'malformed') {
    throw new BadRequestException(
      'The upload is not a valid multipart form with one file in the field "file".',
    );
  }
  return { content: request.file?.buffer, filename: request.file?.originalname };
}
