// asl-validator ships no type declarations; this is the part of its API the tests call.

declare module "asl-validator" {
  /** Validates a state machine definition (an object, or JSON text). */
  export default function aslValidator(
    definition: unknown,
    options?: { checkPaths?: boolean; checkArn?: boolean },
  ): { isValid: boolean; errors: { message: string }[]; errorsText: (separator?: string) => string };
}
