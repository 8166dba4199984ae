// Bounds on untrusted input, shared by the text and object readers so both refuse the same shapes.

/** Collections nested deeper than this are refused (the deepest real CRD schemas stay well below it). */
export const MAX_NESTING_DEPTH = 100
/** `yaml`'s resource-exhaustion guard: how many times an anchor may be expanded, scaled by the aliases inside it. */
export const MAX_ALIAS_COUNT = 100
