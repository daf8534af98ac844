// asl-validator ships no type declarations; the part of its API the workflow test calls.

declare module "asl-validator" {
  /** Validates an Amazon States Language definition (object or JSON text). */
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): { isValid: boolean; errorsText: (separator?: string) => string };
}
