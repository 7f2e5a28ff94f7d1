/**
 * Checks for the fields of a request as it arrives from another context. The wire carries JSON
 * (or a structured clone) from a page, so TypeScript's types say nothing about what really came:
 * the router checks every declared field before a handler sees the request. Deeper checks (an
 * account's fields, a settings object) stay with the code that parses them.
 */
export type FieldCheck = (value: unknown) => boolean;

export const isString: FieldCheck = (v) => typeof v === 'string';
export const isBoolean: FieldCheck = (v) => typeof v === 'boolean';
export const isFiniteNumber: FieldCheck = (v) => typeof v === 'number' && Number.isFinite(v);
/** A safe integer (tab ids, frame ids). */
export const isInteger: FieldCheck = (v) => Number.isSafeInteger(v);
/** A plain object (not null, not an array). */
export const isObject: FieldCheck = (v) => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isArray: FieldCheck = (v) => Array.isArray(v);
export const arrayOf =
  (item: FieldCheck): FieldCheck =>
  (v) =>
    Array.isArray(v) && v.every(item);
export const oneOf =
  (...values: readonly (string | number | boolean)[]): FieldCheck =>
  (v) =>
    values.includes(v as string);
/** The field may be left out (or be `undefined`); when present it must pass `check`. */
export const optional =
  (check: FieldCheck): FieldCheck =>
  (v) =>
    v === undefined || check(v);

/** One check per field (except `type`) of one request; optional fields too, so none is forgotten. */
export type FieldChecks<R> = { readonly [K in Exclude<keyof R, 'type'>]-?: FieldCheck };

/** The field checks of every request of a feature's union, by request type. */
export type RequestFields<R extends { readonly type: string }> = { readonly [T in R['type']]: FieldChecks<Extract<R, { type: T }>> };
