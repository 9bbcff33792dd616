import { STATUS_CODES } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { ErrorBody } from './http-exception.filter';

/**
 * Deeper than any body nahbar accepts (the deepest DTO nests three levels); far below what would
 * overflow the stack in class-transformer and class-validator.
 */
export const MAX_INPUT_DEPTH = 16;

export interface InputProblem {
  field: string;
  message: string;
}

/**
 * What no field may hold, whatever its DTO says: a NUL character (PostgreSQL cannot store it in
 * text, so it would fail late with a 500) and nesting deeper than MAX_INPUT_DEPTH.
 */
export function findInputProblem(value: unknown, path = '', depth = 0): InputProblem | null {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? { field: path, message: 'must not contain NUL characters' } : null;
  }
  if (value === null || typeof value !== 'object') {
    return null;
  }
  if (depth >= MAX_INPUT_DEPTH) {
    return { field: path, message: `is nested deeper than ${MAX_INPUT_DEPTH} levels` };
  }
  for (const [key, child] of Object.entries(value)) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) {
      return { field: childPath, message: 'must not contain NUL characters' };
    }
    const problem = findInputProblem(child, childPath, depth + 1);
    if (problem) {
      return problem;
    }
  }
  return null;
}

/** Refuses such input with a 400 in the API's one error shape before any pipe or service sees it. */
export function inputSanity(request: Request, response: Response, next: NextFunction): void {
  const problem = findInputProblem(request.body) ?? findInputProblem(request.query);
  if (!problem) {
    next();
    return;
  }
  const body: ErrorBody = {
    statusCode: 400,
    error: STATUS_CODES[400] ?? 'Bad Request',
    message: 'The request has invalid fields.',
    errors: [problem],
  };
  response.status(400).json(body);
}
