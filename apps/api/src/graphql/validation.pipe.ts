import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadUserInputError } from '@commons/core';

function firstProblem(errors: ValidationError[], prefix = ''): { field: string; message: string } {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) {
      const message = Object.values(error.constraints)[0];
      return { field, message };
    }
    if (error.children?.length) return firstProblem(error.children, field);
  }
  return { field: prefix || 'input', message: 'input is invalid' };
}

/** class-validator failures become BAD_USER_INPUT naming the first field at fault. */
export function inputValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    stopAtFirstError: true,
    exceptionFactory: (errors) => {
      const { field, message } = firstProblem(errors);
      return new BadUserInputError(`${field}: ${message}`, field);
    },
  });
}
