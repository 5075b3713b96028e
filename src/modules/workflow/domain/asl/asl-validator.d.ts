// asl-validator@4 ships no type declarations; this covers the one call we make.
declare module 'asl-validator' {
  interface AslValidatorError {
    'Error code': string;
    Message: string;
    schemaError?: unknown;
  }
  interface AslValidatorResult {
    isValid: boolean;
    errors: AslValidatorError[];
    errorsText(separator?: string): string;
  }
  function aslValidator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidatorResult;
  export = aslValidator;
}
